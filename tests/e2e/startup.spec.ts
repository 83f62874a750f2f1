import { spawn } from "node:child_process";
import { expect, test } from "./support";

// Production must refuse to start without its configuration rather than serve broken pages.
async function runUntilExit(script: string, unset: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", PORT: "0", HOSTNAME: "127.0.0.1" };
  for (const name of unset) delete env[name];
  const child = spawn(process.execPath, [script], { env });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(null);
    }, 20_000);
    child.once("exit", (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  return { code, output };
}

test("the production server without AUTH_SECRET stops with a clear message", async () => {
  const { code, output } = await runUntilExit("scripts/server.mjs", ["AUTH_SECRET"]);
  expect(code).toBe(1);
  expect(output).toContain("AUTH_SECRET is required");
});

test("npm start without DATABASE_URL stops with a clear message instead of using a local database", async () => {
  const { code, output } = await runUntilExit("scripts/start.mjs", ["DATABASE_URL"]);
  expect(code).toBe(1);
  expect(output).toContain("DATABASE_URL is required");
});
