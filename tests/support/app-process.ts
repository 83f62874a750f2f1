import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { ROOT, serverTsArgs } from "../../scripts/lib/paths.mjs";
import type { Command } from "./realtime-process";

// Starts tests/support/realtime-process.ts (one app process as far as live notifications go) and
// talks to it, for the realtime tests.

export type Ask = Command extends infer C ? (C extends { id: number } ? Omit<C, "id"> : never) : never;
export type AppProcess = {
  port: number;
  /** The app's own pid (tsx runs it in a child process of its own). */
  pid: number;
  ask(command: Ask): Promise<unknown>;
  /** Closes its stdin (it then shuts down as a worker does); kills it after 5 s. Resolves to whether it had to be killed. */
  stop(): Promise<{ killed: boolean }>;
};

export async function startAppProcess(extraEnv: Record<string, string>): Promise<AppProcess> {
  // Its own process group: a process that hangs is killed with tsx's child, not only tsx.
  const child: ChildProcess = spawn(process.execPath, serverTsArgs(join(ROOT, "tests", "support", "realtime-process.ts")), {
    env: { ...process.env, ...extraEnv },
    stdio: ["pipe", "pipe", "inherit"],
    detached: true,
  });
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let port: (value: { port: number; pid: number }) => void;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const started = new Promise<{ port: number; pid: number }>((resolve, reject) => {
    port = resolve;
    child.once("exit", (code) => reject(new Error(`the app process exited (${code}) before it listened`)));
  });
  createInterface({ input: child.stdout! }).on("line", (line) => {
    const said = JSON.parse(line) as { port?: number; pid?: number; id?: number; result?: unknown; error?: string };
    if (said.port) return port({ port: said.port, pid: said.pid! });
    const asked = waiting.get(said.id!);
    waiting.delete(said.id!);
    if (said.error) asked?.reject(new Error(said.error));
    else asked?.resolve(said.result);
  });
  let next = 0;
  return {
    ...(await started),
    ask: (command) =>
      new Promise((resolve, reject) => {
        const id = ++next;
        waiting.set(id, { resolve, reject });
        child.stdin!.write(`${JSON.stringify({ ...command, id })}\n`);
      }),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return { killed: false };
      let killed = false;
      child.stdin!.end();
      const killer = setTimeout(() => {
        killed = true;
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          // gone already
        }
      }, 5_000);
      await exited;
      clearTimeout(killer);
      return { killed };
    },
  };
}
