import { spawn } from "node:child_process";

/** Runs a command with inherited output; resolves with its exit code (1 when killed by a signal). */
export function run(command, args, { env = process.env, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env, cwd });
    child.once("error", reject);
    child.once("exit", (code) => resolve(code ?? 1));
  });
}

/**
 * Keeps a long-running child (the Next.js server) in the foreground: Ctrl-C and SIGTERM go to it,
 * and `cleanup` (stopping the embedded database) runs once it has exited.
 */
export function supervise(command, args, { env, cleanup }) {
  const child = spawn(command, args, { stdio: "inherit", env });
  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    child.kill(signal);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  child.once("exit", async (code, signal) => {
    await cleanup().catch((error) => console.error(error));
    process.exit(code ?? (signal === "SIGINT" || signal === "SIGTERM" ? 0 : 1));
  });
}
