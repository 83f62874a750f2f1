// Sealed matching, the client's cost: lib/sealed bundled for the browser (esbuild, as a client
// component would ship it) and timed in headless Chromium — pair keys for every friend, then one
// plan's tokens for each (centre + ring + minutes), at resolution 7 (the most ring cells).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright";
import { ROOT } from "../lib/paths.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
/** Bytes of framing per friend around its tokens in an upload: a 16-byte friend id and three 4-byte list lengths, rounded up. */
export const FRAMING_BYTES = 32;
export const TOKEN_BYTES = 16;

export const CLIENT_GRID = [
  ...[5, 20, 200].flatMap((friends) => [2, 10, 25].map((travelKm) => ({ friends, travelKm, hours: 2 }))),
  { friends: 200, travelKm: 25, hours: 12 },
];

function bundle() {
  const dir = mkdtempSync(join(tmpdir(), "sealed-bench-"));
  const out = join(dir, "sealed.js");
  const result = spawnSync(
    join(ROOT, "node_modules", ".bin", "esbuild"),
    [join(ROOT, "scripts", "bench", "sealed-browser.ts"), "--bundle", "--format=iife", "--platform=browser", "--target=es2022", "--minify", `--tsconfig=${join(ROOT, "tsconfig.json")}`, `--alias:@=${ROOT}`, `--outfile=${out}`],
    { cwd: ROOT, encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`esbuild failed: ${result.stderr}`);
  return { dir, code: readFileSync(out, "utf8") };
}

/** Rows per grid cell: medians over `runs` runs, token counts summed over friends, bytes uploaded. */
export async function measureSealedClient({ runs = 5, log = console.log } = {}) {
  const { dir, code } = bundle();
  // Served from 127.0.0.1 (a secure context, as the app's pages are), not about:blank.
  const server = createServer((request, response) => {
    if (request.url === "/sealed.js") response.writeHead(200, { "content-type": "text/javascript" }).end(code);
    else response.writeHead(200, { "content-type": "text/html" }).end('<!doctype html><script src="/sealed.js"></script>');
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    const version = browser.version();
    // Warm-up: the first calls compile the hashing and H3 code.
    await page.evaluate(() => globalThis.sealedBench.measure({ friends: 20, travelKm: 25, hours: 2, runs: 2 }));
    const rows = [];
    for (const cell of CLIENT_GRID) {
      const row = await page.evaluate((c) => globalThis.sealedBench.measure(c), { ...cell, runs: cell.friends >= 200 ? 3 : runs });
      const tokens = row.centre + row.ring + row.minutes;
      const full = {
        ...row,
        tokens,
        bytes: tokens * TOKEN_BYTES + row.friends * FRAMING_BYTES,
        ringShare: row.ring / tokens,
      };
      rows.push(full);
      log(
        `  ${row.friends} friends · ${row.travelKm} km · ${row.hours} h: pair keys ${row.keyMs.toFixed(1)} ms, tokens ${row.tokenMs.toFixed(1)} ms, ${tokens.toLocaleString("en")} tokens`,
      );
    }
    return { chromium: version, framingBytes: FRAMING_BYTES, tokenBytes: TOKEN_BYTES, bundleKb: code.length / 1024, rows };
  } finally {
    await browser.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
