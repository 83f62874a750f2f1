import { spawn } from "node:child_process";
import { expect, it } from "vitest";

// The runners (npm run dev, worker, test, bench) stop the embedded database themselves, after their
// child has exited. The package's own signal handler, added when it is first loaded, would stop it
// at once, under a running app.
const SCRIPT = `
  import { addCleanup, handleSignals } from "./scripts/lib/process.mjs";
  import { startDatabase } from "./scripts/lib/database.mjs";
  handleSignals({ exitCode: 0 });
  const database = await startDatabase({ purpose: "bench", log: () => {} });
  addCleanup(database.stop);
  console.log(JSON.stringify(Object.fromEntries(["SIGINT", "SIGTERM", "SIGHUP"].map((s) => [s, process.listenerCount(s)]))));
  setInterval(() => {}, 1000);
`;

it("after the embedded database starts, a runner's signal handler is the only one; SIGTERM then stops it cleanly", async () => {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--input-type=module", "-e", SCRIPT], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  try {
    await expect.poll(() => output, { timeout: 30_000 }).toMatch(/SIGTERM/);
    expect(JSON.parse(output.trim().split("\n").at(-1)!)).toEqual({ SIGINT: 1, SIGTERM: 1, SIGHUP: 1 });
  } finally {
    child.kill("SIGTERM");
  }
  expect(await exited).toBe(0);
}, 60_000);
