// A TypeScript entry beside this file run with the app's server code (tsx with the react-server
// condition, as tasks.mjs runs one) and kept running: spoken to in JSON lines, each message a line of
// its stdin, each answer a line of its stdout (other output, such as the app's logs, is passed over).
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { ROOT, serverTsArgs } from "../lib/paths.mjs";

/** `logFile`: where its standard error goes as well (its last 4,000 characters are shown if it fails). */
export function startTsChild(script, env = {}, { logFile } = {}) {
  const child = spawn(process.execPath, serverTsArgs(join(ROOT, "scripts", "bench", script)), {
    cwd: ROOT,
    // Its own process group: one that hangs is killed with tsx's child, not only tsx (which would
    // leave the child running on its own).
    detached: true,
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let errors = "";
  child.stderr.on("data", (chunk) => (errors = (errors + chunk).slice(-4000)));
  if (logFile) child.stderr.pipe(createWriteStream(logFile, { flags: "a" }));
  const answers = [];
  const waiting = [];
  createInterface({ input: child.stdout }).on("line", (line) => {
    let answer;
    try {
      answer = JSON.parse(line);
    } catch {
      return;
    }
    if (typeof answer !== "object" || answer === null) return;
    const next = waiting.shift();
    if (next) next.resolve(answer);
    else answers.push(answer);
  });
  let exited = false;
  const ended = new Promise((resolve) =>
    child.once("exit", (code) => {
      exited = true;
      for (const next of waiting.splice(0)) next.reject(new Error(`${script} exited (${code}) before answering: ${errors}`));
      resolve(code);
    }),
  );
  // The next answer: one already received, or the next to come.
  const next = () => (answers.length ? Promise.resolve(answers.shift()) : exited ? Promise.reject(new Error(`${script} has exited: ${errors}`)) : new Promise((resolve, reject) => waiting.push({ resolve, reject })));
  return {
    /** Sends `message` and resolves to the answer. */
    ask: (message) => {
      child.stdin.write(`${JSON.stringify(message)}\n`);
      return next();
    },
    /** Closes its stdin (it then finishes and exits) and waits, ending it if it has not within 10 s. */
    stop: async () => {
      child.stdin.end();
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }, 10_000);
      await ended;
      clearTimeout(timer);
    },
  };
}
