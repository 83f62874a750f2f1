// `npm run bench -- --cluster`: the deployment of several app processes, on one machine — 4
// production app processes (background jobs off, live wake-ups through NATS, or Postgres with
// --realtime=postgres), the worker running the jobs, one PostgreSQL, and HAProxy in front with
// deploy/haproxy.cfg. Groups of friends hold live streams and post plans through HAProxy at the P2
// rate; mid-run one app process is killed (SIGKILL) and started again. Afterwards every inbox in the
// database is compared with what its stream received: nothing may be lost or arrive twice. The load
// and the comparison run in cluster-drive.ts (tests/faults/support's clients); this file starts and
// kills the processes. bench.mjs prints the rows (cluster-report.mjs) and writes `cluster` into
// bench/results.json.
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { startNats } from "../lib/nats.mjs";
import { addCleanup } from "../lib/process.mjs";
import { SERVERS, startHaproxy } from "./cluster-haproxy.mjs";
import { startWorker } from "./servers.mjs";
import { startTsChild } from "./ts-child.mjs";

// 5 people a group, each posting once a round: groups × 5 / roundMs posts a second (50, P2's rate;
// 40 with --quick, the fault suite's).
// Within the app's limits: a person posts at most 20 plans an hour (before + after + the fault's rounds).
const SIZES = {
  quick: { groups: 20, roundMs: 2_500, before: 4, after: 4 },
  full: { groups: 50, roundMs: 5_000, before: 7, after: 7 },
};
/** How long the killed process stays down once HAProxy has taken it out. */
const DOWN_MS = 2_000;
/** The process killed (and started again): HAProxy's app1. */
const VICTIM = 0;

/**
 * `startApp(options)` starts a production app (stopped by the bench's cleanups); `env` is the bench's
 * app environment (DATABASE_URL, AUTH_SECRET); `out`: the folder for the logs.
 */
export async function measureCluster({ env, quick, realtime, startApp, out, log, step }) {
  const size = quick ? SIZES.quick : SIZES.full;
  const nats = realtime === "nats" ? await startNats() : undefined;
  if (nats) addCleanup(nats.stop);
  const engine = nats ? { REALTIME: "nats", NATS_URL: nats.url } : { REALTIME: "postgres" };
  // HAProxy appends the client's address to X-Forwarded-For: one trusted hop.
  const appEnv = { ...engine, TRUSTED_PROXY_HOPS: "1" };

  step(`Cluster: ${SERVERS} app processes (${realtime}), the worker and HAProxy`);
  const apps = [];
  for (let n = 0; n < SERVERS; n++) apps.push(await startApp({ extraEnv: appEnv, logFile: join(out, `cluster-app${n + 1}.log`) }));
  const worker = await startWorker({ databaseUrl: env.DATABASE_URL, secret: env.AUTH_SECRET, logFile: join(out, "cluster-worker.log"), extraEnv: engine });
  addCleanup(worker.stop);
  const haproxy = await startHaproxy({ urls: apps.map((app) => app.url), logFile: join(out, "cluster-haproxy.log") });
  addCleanup(haproxy.stop);
  log(`  HAProxy on ${haproxy.url} → ${apps.map((app) => app.port).join(", ")}`);

  const people = size.groups * 5;
  step(`Cluster: ${people} friends listening and posting ${Math.round((people * 1000) / size.roundMs)}/s through HAProxy; app1 killed after ${size.before} rounds of ${size.roundMs / 1000} s`);
  const drive = startTsChild("cluster-drive.ts", env, { logFile: join(out, "cluster-drive.log") });
  addCleanup(drive.stop);
  const fault = {};
  try {
    const go = await drive.ask({ run: { origin: haproxy.url, label: `cluster-${realtime}-`, seed: 901, ...size } });
    if (!go.fault) throw new Error(`cluster-drive.ts: ${JSON.stringify(go)}`);
    const name = haproxy.names[VICTIM];
    const killedAt = Date.now();
    await apps[VICTIM].kill();
    fault.takenOutMs = await haproxy.waitFor([name], "DOWN");
    log(`  app1 killed (SIGKILL); HAProxy took it out after ${fault.takenOutMs} ms`);
    await sleep(DOWN_MS);
    apps[VICTIM] = await startApp({ port: apps[VICTIM].port, extraEnv: appEnv, logFile: join(out, `cluster-app${VICTIM + 1}.log`) });
    await haproxy.waitFor([name], "UP");
    fault.downMs = Date.now() - killedAt;
    log(`  app1 started again and back in HAProxy after ${fault.downMs} ms in all; posting on, then settling`);
    const { report } = await drive.ask({ faulted: true });
    const servers = await haproxy.servers();
    return { realtime, processes: SERVERS, sizes: size, fault, servers, ...report, ok: delivered(report) };
  } finally {
    await drive.stop();
    await haproxy.stop();
    await worker.stop();
    for (const app of apps) await app.stop();
    await nats?.stop();
  }
}

/** Every notification stored reached its person's stream exactly once, and every plan was matched. */
function delivered({ delivery }) {
  return delivery.lost === 0 && delivery.duplicated === 0 && delivery.unexpected === 0 && delivery.unmatched === 0;
}
