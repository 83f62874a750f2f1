// npm run lighthouse [-- --runs N] [--build] [--page /path]: Lighthouse (mobile preset: its default config) on
// a page (the Plans page unless --page says) as a signed-in person sees it, against the production build on a throwaway database.
// Reuses .next when it is newer than every source file (else builds; --build always does), seeds a
// person with a close friend and plans (scripts/lighthouse/seed.mjs), signs them in, and runs
// Lighthouse N times (default 3) in the system's Chromium. Prints the median run's scores and key
// metrics and writes bench/lighthouse.json (the median run's full report: bench/lighthouse.html).
// A script that prints numbers, not a test.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { randomBytes } from "node:crypto";
import lighthouse from "lighthouse";
import puppeteer from "puppeteer-core";
import { machine, writeResults } from "./bench/report.mjs";
import { buildApp, startApp } from "./bench/servers.mjs";
import { createSessions } from "./bench/sessions.mjs";
import { seedPerson } from "./lighthouse/seed.mjs";
import { freePort } from "./lib/database.mjs";
import { startMigratedDatabase } from "./lib/migrate.mjs";
import { ROOT } from "./lib/paths.mjs";
import { addCleanup, cleanupAndExit, handleSignals } from "./lib/process.mjs";

const OUT = join(ROOT, "bench");
const TARGETS = { accessibility: 95, performance: 90 };
const METRICS = {
  fcp: "first-contentful-paint",
  lcp: "largest-contentful-paint",
  tbt: "total-blocking-time",
  cls: "cumulative-layout-shift",
  si: "speed-index",
};
// What the build is made from: anything here newer than .next/BUILD_ID means the build is stale.
const SOURCES = ["app", "components", "lib", "public", "proxy.ts", "next.config.js", "postcss.config.mjs", "package-lock.json", "tsconfig.json"];
// As playwright.config.ts finds it: CHROMIUM_PATH, else Debian's Chromium.
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const log = (line) => console.log(line);
const step = (name) => log(`\n▸ ${name}`);

function options() {
  const { values } = parseArgs({
    options: { runs: { type: "string", default: "3" }, build: { type: "boolean", default: false }, page: { type: "string", default: "/plans" } },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs wants a whole number of at least 1, not "${values.runs}"`);
  if (!values.page.startsWith("/")) throw new Error(`--page wants a path such as /plans, not "${values.page}"`);
  return { runs, forceBuild: values.build, page: values.page };
}

/** The newest modification time under `path` (a file or a folder), in ms. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function buildIsFresh() {
  const id = join(ROOT, ".next", "BUILD_ID");
  return existsSync(id) && statSync(id).mtimeMs > Math.max(...SOURCES.map((source) => newest(join(ROOT, source))));
}

/** Headless Chromium with its DevTools port open for Lighthouse; stopped by the cleanups. */
async function startChromium() {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH`);
  const port = await freePort();
  const profile = mkdtempSync(join(tmpdir(), "overlap-lighthouse-"));
  // The flags the e2e suite uses: without the networking ones Chromium floods a closed network.
  const args = ["--headless=new", `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, "--no-sandbox", "--disable-gpu"];
  args.push("--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check", "about:blank");
  const child = spawn(CHROMIUM, args, { stdio: ["ignore", "ignore", "pipe"] });
  await new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error("Chromium did not open its DevTools port within 30 s")), 30_000);
    child.stderr.on("data", (chunk) => {
      seen += chunk;
      if (seen.includes("DevTools listening on")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`Chromium exited with ${code}: ${seen.slice(-500)}`)));
  });
  addCleanup(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });
  return port;
}

/** One Lighthouse run: category scores (0–100) and the metrics (ms; CLS unitless). */
function summarise(lhr) {
  const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const metrics = Object.fromEntries(Object.entries(METRICS).map(([key, id]) => [key, lhr.audits[id]?.numericValue ?? null]));
  return { performance: score("performance"), accessibility: score("accessibility"), bestPractices: score("best-practices"), metrics };
}

/** What the report says costs the most: the LCP element, render-blocking resources, the largest scripts. */
function diagnose(lhr) {
  const items = (id) => lhr.audits[id]?.details?.items ?? [];
  const lcpElement = items("largest-contentful-paint-element")[0]?.items?.[0]?.node?.snippet ?? null;
  const renderBlocking = items("render-blocking-resources").map((item) => ({ url: item.url, wastedMs: item.wastedMs }));
  const scripts = items("network-requests")
    .filter((item) => item.resourceType === "Script")
    .map((item) => ({ url: new URL(item.url).pathname, kb: Math.round(item.transferSize / 102.4) / 10 }))
    .sort((a, b) => b.kb - a.kb)
    .slice(0, 5);
  const failedA11y = Object.values(lhr.categories.accessibility?.auditRefs ?? [])
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => audit && audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === "binary")
    .map((audit) => audit.id);
  return { lcpElement, renderBlocking, largestScripts: scripts, failedAccessibilityAudits: failedA11y };
}

const ms = (value) => (value === null ? "–" : `${Math.round(value)} ms`);

async function measure({ runs, forceBuild, page: PAGE }) {
  const started = Date.now();
  mkdirSync(OUT, { recursive: true });
  if (forceBuild || !buildIsFresh()) {
    step("Building the app (next build)");
    await buildApp(join(OUT, "build.log"));
  } else step("Using the existing build (.next is newer than the sources)");

  step("Database and a signed-in person");
  const { database, client } = await startMigratedDatabase({ purpose: "lighthouse", log });
  const { userId } = await seedPerson(client);
  const secret = randomBytes(32).toString("base64url");
  const [session] = await createSessions(client, [userId], { secret });
  const app = await startApp({ databaseUrl: database.url, secret, logFile: join(OUT, "lighthouse-app.log") });
  addCleanup(app.stop);
  // The first request compiles and caches the page's server code; Lighthouse should see a warm server.
  const warm = await fetch(`${app.url}${PAGE}`, { headers: { cookie: session.cookie }, redirect: "manual" });
  if (warm.status !== 200) throw new Error(`${PAGE} answered ${warm.status} for the seeded session, not 200`);

  const port = await startChromium();
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${port}` });
  addCleanup(() => browser.disconnect());
  const url = `${app.url}${PAGE}`;
  const [name, value] = session.cookie.split(/=(.*)/s);
  const results = [];
  for (let run = 1; run <= runs; run++) {
    step(`Lighthouse ${run}/${runs}: ${PAGE} (mobile preset)`);
    // The session goes in the browser's cookie jar, as a sign-in puts it: a Cookie header given to
    // Lighthouse would be replaced by the jar's own once the page has set one (the time zone's).
    const page = await browser.newPage();
    await page.setCookie({ name, value, url: app.url, httpOnly: true, sameSite: "Lax" });
    const { lhr, report } = await lighthouse(url, { port, output: "html", logLevel: "error" }, undefined, page);
    await page.close();
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
    if (new URL(lhr.finalDisplayedUrl).pathname !== PAGE) throw new Error(`Lighthouse ended at ${lhr.finalDisplayedUrl}: the session was not accepted`);
    const summary = summarise(lhr);
    log(`  performance ${summary.performance} · accessibility ${summary.accessibility} · best practices ${summary.bestPractices}`);
    results.push({ summary, lhr, report });
  }
  // The median run by performance score, and all its figures from that same run.
  const median = [...results].sort((a, b) => a.summary.performance - b.summary.performance)[Math.floor((results.length - 1) / 2)];
  const { summary } = median;
  const output = {
    page: PAGE,
    lighthouse: median.lhr.lighthouseVersion,
    preset: "mobile (default config: emulated Moto G Power, simulated slow 4G, 4× CPU slowdown)",
    chromium: median.lhr.environment?.hostUserAgent,
    benchmarkIndex: median.lhr.environment?.benchmarkIndex,
    machine: await machine(client),
    runs,
    median: summary,
    all: results.map((result) => result.summary),
    diagnosis: diagnose(median.lhr),
    targets: TARGETS,
    seconds: Math.round((Date.now() - started) / 1000),
  };
  writeFileSync(join(OUT, "lighthouse.html"), median.report);
  writeResults(join(OUT, "lighthouse.json"), output);
  report(output);
}

function report(r) {
  const { median: m } = r;
  const mark = (value, target) => (value >= target ? `✓ (≥ ${target})` : `✗ under ${target}`);
  step(`Results: median of ${r.runs} (Lighthouse ${r.lighthouse}, ${r.machine.cores} cores, Node ${r.machine.node}, benchmark index ${r.benchmarkIndex})`);
  log(`performance     ${String(m.performance).padStart(3)} ${mark(m.performance, r.targets.performance)}`);
  log(`accessibility   ${String(m.accessibility).padStart(3)} ${mark(m.accessibility, r.targets.accessibility)}`);
  log(`best practices  ${String(m.bestPractices).padStart(3)}`);
  log(
    `FCP ${ms(m.metrics.fcp)} · LCP ${ms(m.metrics.lcp)} · TBT ${ms(m.metrics.tbt)} · CLS ${m.metrics.cls?.toFixed(3) ?? "–"} · Speed Index ${ms(m.metrics.si)}`,
  );
  const d = r.diagnosis;
  if (d.lcpElement) log(`LCP element: ${d.lcpElement}`);
  if (d.renderBlocking.length)
    log(`render-blocking: ${d.renderBlocking.map((item) => `${new URL(item.url).pathname} (${Math.round(item.wastedMs)} ms)`).join(", ")}`);
  log(`largest scripts: ${d.largestScripts.map((s) => `${s.url} ${s.kb} kB`).join(", ")}`);
  if (d.failedAccessibilityAudits.length) log(`accessibility audits failed: ${d.failedAccessibilityAudits.join(", ")}`);
  log(`\nWritten to bench/lighthouse.json and bench/lighthouse.html · ${r.seconds} s in all`);
}

handleSignals({ exitCode: 130 });
try {
  await measure(options());
  await cleanupAndExit(0);
} catch (error) {
  console.error(`\n${error.stack ?? error.message}`);
  await cleanupAndExit(1);
}
