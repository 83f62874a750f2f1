import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "../../scripts/lib/database.mjs";
import { expect, test } from "./support";

// `npm run dev` answers like `npm start` where a client could cheat: its address comes from the
// connection, never from an X-Forwarded-For it wrote (a guesser must not get fresh sign-in attempts
// by naming a new address each time), and a body too large is refused with 413.

test.setTimeout(180_000);

async function startDevServer(port: number): Promise<ChildProcess> {
  // BACKGROUND_JOBS off: the suite's production server already runs the jobs on this database.
  const child = spawn(process.execPath, ["scripts/dev.mjs"], {
    // No HOSTNAME, as a newcomer runs it: it listens on every address and names itself "localhost".
    env: { ...process.env, NODE_ENV: "development", PORT: String(port), HOSTNAME: "", BACKGROUND_JOBS: "off" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 90_000;
  while (!output.includes("Overlap is ready")) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the dev server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return child;
}

test("npm run dev takes the client's address from the connection and refuses oversize bodies, and its pages come alive at 127.0.0.1", async ({
  playwright,
  browser,
}) => {
  const port = await freePort();
  const dev = await startDevServer(port);
  try {
    const request = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${port}` });
    const { csrfToken } = await (await request.get("/api/auth/csrf", { timeout: 90_000 })).json();
    const email = `nobody-${Date.now()}@example.com`;
    const answers: string[] = [];
    for (let i = 0; i < 11; i++) {
      const response = await request.post("/api/auth/callback/credentials", {
        form: { csrfToken, email, password: `guess ${i}` },
        headers: { "x-forwarded-for": `198.51.100.${i + 1}` }, // a new made-up address each time
        maxRedirects: 0,
        timeout: 60_000,
      });
      answers.push(response.headers()["location"] ?? "");
    }
    expect(answers.slice(0, 10).every((location) => /code=credentials$/.test(location))).toBe(true);
    expect(answers[10]).toMatch(/code=rate_limited%3A\d+$/);

    const oversize = await request.post("/sign-in", { data: "x".repeat(200 * 1024), headers: { "content-type": "text/plain" } });
    expect(oversize.status()).toBe(413);
    await request.dispose();

    // Opened at 127.0.0.1 rather than localhost, the page gets its scripts and React takes over its
    // forms (Next's dev-origin rule would otherwise leave every button dead).
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/sign-in`, { timeout: 90_000 });
    await page.waitForFunction(
      () => [...document.querySelectorAll("form")].some((form) => Object.keys(form).some((key) => key.startsWith("__reactProps"))),
      undefined,
      { timeout: 90_000 },
    );
    await page.close();
  } finally {
    if (dev.pid) process.kill(-dev.pid, "SIGTERM");
    await new Promise((resolve) => dev.once("exit", resolve));
  }
});
