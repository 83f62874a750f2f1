// Runs scripts/bench/tasks.ts (or another TypeScript entry beside it: the app's server code, through
// tsx) and returns its JSON answer.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { ROOT, serverTsArgs } from "../lib/paths.mjs";

export function runTask(args, env = {}, script = "tasks.ts") {
  const child = spawn(process.execPath, serverTsArgs(join(ROOT, "scripts", "bench", script), ...args), {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  child.stderr.on("data", (chunk) => (err += chunk));
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`bench task ${args[0]} failed (${code}): ${err.slice(-2000)}`));
      resolve(JSON.parse(out.trim().split("\n").at(-1)));
    });
  });
}
