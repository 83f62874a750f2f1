import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { freePort } from "../../scripts/lib/database.mjs";

// A nats-server of the tests' own (Debian's package: `apt-get install nats-server`; .ci/run installs
// it when missing), on free ports, stopped by pid. Its monitoring port shows each client connection's
// subscriptions and message counts.

export type NatsServer = {
  url: string;
  /** Each client connection the server holds now: its name, how many messages it was sent, and the subjects it subscribes to. */
  connections(): Promise<{ name?: string; out_msgs: number; subjects: string[] }[]>;
  /** Stops the server (its clients lose their connection) until `start`. */
  stop(): Promise<void>;
  /** Starts it again on the same ports. */
  start(): Promise<void>;
};

function binary(): string {
  for (const path of ["/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server"]) if (existsSync(path)) return path;
  throw new Error("nats-server is not installed: `apt-get install nats-server` (Debian's package; .ci/run installs it).");
}

export async function startNats(): Promise<NatsServer> {
  const path = binary();
  const [port, monitor] = [await freePort(), await freePort()];
  let child: ChildProcess | undefined;

  async function start() {
    const started = spawn(path, ["-a", "127.0.0.1", "-p", String(port), "-m", String(monitor)], { stdio: ["ignore", "pipe", "pipe"] });
    child = started;
    await new Promise<void>((resolve, reject) => {
      let said = "";
      const timer = setTimeout(() => reject(new Error(`nats-server did not start:\n${said}`)), 10_000);
      const read = (chunk: Buffer) => {
        said += chunk.toString();
        if (said.includes("Server is ready")) {
          clearTimeout(timer);
          resolve();
        }
      };
      started.stdout!.on("data", read);
      started.stderr!.on("data", read);
      started.once("exit", (code) => reject(new Error(`nats-server exited (${code}):\n${said}`)));
    });
  }

  async function stop() {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGKILL");
    await exited;
  }

  await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    async connections() {
      const response = await fetch(`http://127.0.0.1:${monitor}/connz?subs=1`);
      const body = (await response.json()) as { connections?: { name?: string; out_msgs: number; subscriptions_list?: string[] }[] };
      return (body.connections ?? []).map(({ name, out_msgs, subscriptions_list }) => ({ name, out_msgs, subjects: (subscriptions_list ?? []).sort() }));
    },
    stop,
    start,
  };
}
