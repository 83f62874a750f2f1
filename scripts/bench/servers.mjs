// Starting and stopping the servers the bench measures: the production app (`next build`, then the
// same scripts/server.mjs that `npm start` runs) and the bare baselines, each a child process.
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { freePort } from "../lib/database.mjs";
import { NEXT_BIN, ROOT } from "../lib/paths.mjs";

/** Runs `next build`; its output goes to `logFile` and is shown only when the build fails. */
export async function buildApp(logFile) {
  const output = createWriteStream(logFile);
  const child = spawn(process.execPath, [NEXT_BIN, "build"], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.pipe(output);
  child.stderr.pipe(output);
  const code = await new Promise((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`next build failed (exit ${code}); see ${logFile}`);
}

/**
 * Starts `node args…` and resolves once a line of its output matches `ready`. Output is kept in
 * `logFile`. `stop()` ends it (SIGTERM, then SIGKILL); `kill()` ends it at once with SIGKILL, as a
 * crash would (nothing it had in hand is finished).
 */
export async function startProcess(args, { env, ready, logFile, name }) {
  const output = createWriteStream(logFile, { flags: "a" });
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.pipe(output);
  child.stderr.pipe(output);
  await new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 60 s; see ${logFile}`)), 60_000);
    child.stdout.on("data", (chunk) => {
      seen = (seen + chunk).slice(-2000);
      if (ready.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it was ready; see ${logFile}`));
    });
  });
  const end = async (signal) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill(signal);
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return { pid: child.pid, stop: () => end("SIGTERM"), kill: () => end("SIGKILL") };
}

/**
 * The production app, on `port` or a free one. Background jobs are off by default (the bench runs
 * the sweeper itself); `backgroundJobs: true` runs them as `npm start` does (the match safety net,
 * push delivery).
 */
export async function startApp({ databaseUrl, secret, logFile, nodeArgs = [], port, backgroundJobs = false, extraEnv = {} }) {
  port ??= await freePort();
  const env = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: secret,
    BACKGROUND_JOBS: backgroundJobs ? "on" : "off",
    ...extraEnv,
  };
  const server = await startProcess([...nodeArgs, join(ROOT, "scripts", "server.mjs")], { env, ready: /is ready on/, logFile, name: "The app" });
  return { ...server, port, url: `http://127.0.0.1:${port}` };
}

/**
 * `npm run worker` (the background jobs in a process of their own) on the bench's database, with the
 * app's environment. Resolves once it has started its jobs.
 */
export async function startWorker({ databaseUrl, secret, logFile, nodeArgs = [], extraEnv = {} }) {
  const env = { ...process.env, NODE_ENV: "production", DATABASE_URL: databaseUrl, AUTH_SECRET: secret, ...extraEnv };
  return startProcess([...nodeArgs, join(ROOT, "scripts", "worker.mjs")], { env, ready: /Overlap worker:/, logFile, name: "The worker" });
}
