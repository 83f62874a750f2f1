import { spawn } from "node:child_process";
import { expect, test } from "./support";

// The production server must refuse to start without its secret rather than serve broken pages.
test("next start without AUTH_SECRET stops with a clear message", async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
  delete env.AUTH_SECRET;
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "--port", "0"], { env });
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
  expect(code).toBe(1);
  expect(output).toContain("AUTH_SECRET is required");
});
