// A nats-server of our own (Debian's package: `apt-get install nats-server`; .ci/run installs it when
// missing) on free ports, stopped by pid: for the tests (tests/integration/realtime.test.ts) and the
// bench (`npm run bench -- --ceiling`). Its monitoring port shows each client connection's
// subscriptions and message counts.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { freePort } from "./database.mjs";

function binary() {
  for (const path of ["/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server"]) if (existsSync(path)) return path;
  throw new Error("nats-server is not installed: `apt-get install nats-server` (Debian's package; .ci/run installs it).");
}

/** Starts a nats-server on 127.0.0.1; resolves once it is ready to take clients. */
export async function startNats() {
  const path = binary();
  const [port, monitor] = [await freePort(), await freePort()];
  let child;

  async function start() {
    const started = spawn(path, ["-a", "127.0.0.1", "-p", String(port), "-m", String(monitor)], { stdio: ["ignore", "pipe", "pipe"] });
    child = started;
    await new Promise((resolve, reject) => {
      let said = "";
      const timer = setTimeout(() => reject(new Error(`nats-server did not start:\n${said}`)), 10_000);
      const read = (chunk) => {
        said += chunk.toString();
        if (!said.includes("Server is ready")) return;
        clearTimeout(timer);
        resolve();
      };
      started.stdout.on("data", read);
      started.stderr.on("data", read);
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
      const body = await response.json();
      return (body.connections ?? []).map(({ name, out_msgs, subscriptions_list }) => ({ name, out_msgs, subjects: (subscriptions_list ?? []).sort() }));
    },
    stop,
    start,
  };
}
