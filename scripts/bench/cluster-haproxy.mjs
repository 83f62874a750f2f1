// HAProxy (Debian's package: `apt-get install haproxy`; CI installs it) in front of the cluster
// bench's app processes, run with deploy/haproxy.cfg — the same file docker-compose.cluster.yml
// mounts — its addresses given through the environment, on free ports. Stopped by pid. Its status
// page (CSV) says which servers it holds up or down and how many requests each was sent.
import { spawn } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { freePort } from "../lib/database.mjs";
import { ROOT } from "../lib/paths.mjs";

const CONFIG = join(ROOT, "deploy", "haproxy.cfg");
/** The config names APP1 … APP4. */
export const SERVERS = 4;
const POLL_MS = 100;

function binary() {
  for (const path of ["/usr/sbin/haproxy", "/usr/bin/haproxy", "/usr/local/sbin/haproxy"]) if (existsSync(path)) return path;
  throw new Error("haproxy is not installed: `apt-get install haproxy` (Debian's package; .ci/run installs it).");
}

/** Starts HAProxy in front of `urls` (SERVERS of them); resolves once it holds every one up. */
export async function startHaproxy({ urls, logFile }) {
  if (urls.length !== SERVERS) throw new Error(`deploy/haproxy.cfg balances ${SERVERS} app processes, not ${urls.length}`);
  const [port, statsPort] = [await freePort(), await freePort()];
  const env = { ...process.env, HAPROXY_BIND: `127.0.0.1:${port}`, HAPROXY_STATS_BIND: `127.0.0.1:${statsPort}` };
  urls.forEach((url, n) => (env[`APP${n + 1}`] = new URL(url).host));
  const output = createWriteStream(logFile, { flags: "a" });
  // -db: in the foreground, so the pid is HAProxy's own and it ends with a signal.
  const child = spawn(binary(), ["-db", "-f", CONFIG], { env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.pipe(output);
  child.stderr.pipe(output);
  const exited = new Promise((resolve) => child.once("exit", resolve));

  /** Each server's status (UP, DOWN, …) and requests sent to it so far, from the status page's CSV. */
  async function servers() {
    const text = await (await fetch(`http://127.0.0.1:${statsPort}/;csv`)).text();
    const [header, ...lines] = text.trim().split("\n");
    const columns = header.replace(/^# /, "").split(",");
    const at = (name) => columns.indexOf(name);
    return lines
      .map((line) => line.split(","))
      .filter((row) => row[at("pxname")] === "apps" && /^app\d$/.test(row[at("svname")]))
      .map((row) => ({ name: row[at("svname")], status: row[at("status")], requests: Number(row[at("stot")]), errors5xx: Number(row[at("hrsp_5xx")]) }));
  }

  /** Resolves once every server named in `names` has `status`; the milliseconds that took. */
  async function waitFor(names, status, timeoutMs = 30_000) {
    const started = Date.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`haproxy exited (${child.exitCode}); see ${logFile}`);
      const list = await servers().catch(() => []);
      if (names.every((name) => list.find((server) => server.name === name)?.status === status)) return Date.now() - started;
      if (Date.now() - started > timeoutMs) throw new Error(`haproxy: ${names.join(", ")} not ${status} within ${timeoutMs} ms; see ${logFile}`);
      await sleep(POLL_MS);
    }
  }

  const names = urls.map((_, n) => `app${n + 1}`);
  await waitFor(names, "UP");
  return {
    url: `http://127.0.0.1:${port}`,
    names,
    servers,
    waitFor,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await exited;
    },
  };
}
