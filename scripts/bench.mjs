// npm run bench [-- --quick] [-- --only=p1,p2] [-- --sealed] [-- --ceiling] [-- --cluster]: seeds a synthetic world into a throwaway database (embedded, or a
// *_bench database beside DATABASE_URL's — never the app's own), builds and starts the production
// app, and measures it against bare baselines run on the same machine in the same run. Prints a
// table and writes bench/results.json. A script that prints measured numbers, not a test.
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { CEILING_PARTS, measureCeiling } from "./bench/ceiling.mjs";
import { ceilingRows } from "./bench/ceiling-report.mjs";
import { measureCluster } from "./bench/cluster.mjs";
import { clusterRows } from "./bench/cluster-report.mjs";
import { measureIdleConnections } from "./bench/connections.mjs";
import { measureFrontEnd } from "./bench/frontend.mjs";
import webpush from "web-push";
import { measureLiveLatency } from "./bench/live.mjs";
import { startBenchPushService } from "./bench/push.mjs";
import { measureCandidatePlan } from "./bench/plan.mjs";
import { measureSealed } from "./bench/sealed.mjs";
import { machine, printSealed, printTable, rowsOf, writeResults } from "./bench/report.mjs";
import { buildApp, startApp, startWorker } from "./bench/servers.mjs";
import { createSessions } from "./bench/sessions.mjs";
import { measureSweep } from "./bench/sweep.mjs";
import { measureThroughput, startBaseline } from "./bench/throughput.mjs";
import { SCALES, seedWorld } from "./bench/world.mjs";
import { startDatabase } from "./lib/database.mjs";
import { migrate } from "./lib/migrate.mjs";
import { ROOT } from "./lib/paths.mjs";
import { addCleanup, cleanupAndExit, handleSignals } from "./lib/process.mjs";

const quick = process.argv.includes("--quick");
// --only=p2 (or p1,p2,…) runs just those measurements (plan, p1, p2, p3, p5; the build and P4 always).
const only = process.argv
  .find((arg) => arg.startsWith("--only="))
  ?.slice("--only=".length)
  .split(",");
// --sealed runs only the sealed-matching measurements (no app build): scripts/bench/sealed.mjs.
const sealed = process.argv.includes("--sealed");
// --ceiling runs only the ceiling measurements (scripts/bench/ceiling.mjs): how far one machine goes.
const ceiling = process.argv.includes("--ceiling");
// --cluster runs only the cluster measurement (scripts/bench/cluster.mjs): 4 app processes, the worker
// and HAProxy, one process killed mid-run; exits 1 if a live notification was lost or sent twice.
// Live wake-ups go through NATS, or Postgres with --realtime=postgres.
const cluster = process.argv.includes("--cluster");
const realtime = process.argv.find((arg) => arg.startsWith("--realtime="))?.slice("--realtime=".length) ?? "nats";
if (!["nats", "postgres"].includes(realtime)) throw new Error(`--realtime=${realtime}: nats or postgres`);
const runs = (name) => !sealed && !ceiling && !cluster && (!only || only.includes(name));
// A misspelt part would run nothing and still overwrite bench/results.json: refused before any work.
const parts = ceiling ? CEILING_PARTS : ["plan", "p1", "p2", "p3", "p5"];
const unknown = only?.filter((name) => !parts.includes(name)) ?? [];
if (unknown.length) {
  console.error(`--only=${unknown.join(",")}: the parts${ceiling ? " of --ceiling" : ""} are ${parts.join(", ")}`);
  process.exit(2);
}
// --p2-rate=N posts N matching plans a second in P2 instead of 50 (to find where it stops keeping up).
const p2Rate = Number(process.argv.find((arg) => arg.startsWith("--p2-rate="))?.slice("--p2-rate=".length) ?? 50);
// --p2-worker runs P2's background jobs (push delivery) in `npm run worker` beside the app instead of in it.
const p2Worker = process.argv.includes("--p2-worker");
const scale = quick ? SCALES.quick : SCALES.full;
const seconds = quick ? 8 : 20;
const OUT = join(ROOT, "bench");
mkdirSync(OUT, { recursive: true });
const log = (line) => console.log(line);
const step = (name) => log(`\n▸ ${name}`);
const results = { scale: quick ? "quick" : "full", world: scale, startedAt: new Date().toISOString() };

handleSignals({ exitCode: 130 });
// A failed measurement still stops the servers and the database it started.
process.on("uncaughtException", (error) => {
  console.error(error);
  void cleanupAndExit(1);
});
const started = Date.now();
step(`Database (${results.scale} scale)`);
const database = await startDatabase({ purpose: "bench", log });
addCleanup(database.stop);
await migrate(database.url, { quiet: true });
const client = new pg.Client({ connectionString: database.url });
await client.connect();
addCleanup(() => client.end());
results.machine = await machine(client);

step("Seeding the world");
// On a whole minute: sealed windows are whole minutes, so the sealed and plain rules agree exactly.
const seededAt = new Date(Math.floor(Date.now() / 60_000) * 60_000);
const world = await seedWorld(client, scale, { log, now: seededAt });
const secret = randomBytes(32).toString("base64url");
const env = { DATABASE_URL: database.url, AUTH_SECRET: secret, BACKGROUND_JOBS: "off" };

/** Prints `rows` (between what `before` and `after` print), writes bench/results.json and stops the database. */
async function finish(rows, { before = () => undefined, after = () => undefined } = {}) {
  results.seconds = Math.round((Date.now() - started) / 1000);
  step(
    `Results (${results.scale} scale: ${scale.users.toLocaleString("en")} users, ${results.machine.cores} cores, Node ${results.machine.node}, PostgreSQL ${results.machine.postgres})`,
  );
  before();
  printTable(rows, log);
  after();
  writeResults(join(OUT, "results.json"), { ...results, table: rows });
  log(`\nWritten to bench/results.json · ${results.seconds} s in all`);
  await client.end();
  await database.stop();
}

if (sealed) {
  step("Sealed matching: the client's tokens, and the server's equality match next to today's candidate query");
  results.sealed = await measureSealed({ world, env, now: seededAt, samples: 200, log });
  await finish(rowsOf(results), {
    before: () => printSealed(results.sealed, log),
    after: () => log(`Plan of the sealed match for the sampled poster with the most friends:\n${results.sealed.server.matching.sealedPlan}`),
  });
  process.exit(0);
}

step("Building the app (next build)");
await buildApp(join(OUT, "build.log"));

const startTheApp = async (options = {}) => {
  const started = await startApp({ databaseUrl: database.url, secret, logFile: join(OUT, "app.log"), ...options });
  addCleanup(started.stop);
  return started;
};

if (ceiling) {
  results.ceiling = await measureCeiling({ client, world, env, activePlans: scale.activePlans, quick, only, startApp: startTheApp, log, step });
  await finish(ceilingRows(results.ceiling));
  process.exit(0);
}

if (cluster) {
  results.cluster = await measureCluster({ env, quick, realtime, startApp: startTheApp, out: OUT, log, step });
  await finish(clusterRows(results.cluster));
  if (!results.cluster.ok) console.error("\n✗ Live notifications were lost, sent twice or never made: see the table above and bench/cluster-*.log.");
  process.exit(results.cluster.ok ? 0 : 1);
}

results.p4 = await measureFrontEnd({ root: ROOT });
let app = await startTheApp();

if (runs("plan")) {
  step("Matcher candidate query plan (EXPLAIN ANALYZE)");
  results.plan = await measureCandidatePlan({ client, env });
}

if (runs("p1")) {
  step(`P1 plan posts for ${seconds} s each, the bare baseline and the app taking turns`);
  const baseline = await startBaseline({ databaseUrl: database.url, secret, logFile: join(OUT, "baseline.log") });
  results.p1 = await measureThroughput({ client, world, app, baseline, secret, seconds, posters: 5000 });
  await baseline.stop();
}

if (runs("p2")) {
  step("P2 post → live notification, and → push (the app as `npm start` runs it: background jobs on)");
  // Push needs the jobs (push delivery) and a VAPID key pair; every listening friend gets a device at
  // a local push service, so the same posts measure the push too.
  await app.stop();
  const pushService = await startBenchPushService();
  addCleanup(pushService.stop);
  const vapid = webpush.generateVAPIDKeys();
  const pushEnv = { VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey, VAPID_SUBJECT: "mailto:bench@example.com" };
  app = await startTheApp({
    // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the app under P2's load.
    nodeArgs: process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(" ") : [],
    backgroundJobs: !p2Worker,
    extraEnv: pushEnv,
  });
  let worker;
  if (p2Worker) {
    worker = await startWorker({ databaseUrl: database.url, secret, logFile: join(OUT, "worker.log"), extraEnv: pushEnv });
    addCleanup(worker.stop);
  }
  // Warmed up first, as P1 is: a fresh process's first matching posts load and compile the action,
  // the matcher, the live read and the push path, and that queue is not what P2 measures.
  await measureLiveLatency({ client, world, app, secret, rate: 10, seconds: 5, log: () => undefined, pushService, run: "warm-up" });
  results.p2 = { rate: p2Rate, ...(await measureLiveLatency({ client, world, app, secret, rate: p2Rate, seconds: quick ? 10 : 20, log, pushService })) };
  await worker?.stop();
  await pushService.stop();
}

if (runs("p3")) {
  step("P3 idle live connections");
  // A fresh server process: memory left over from the load phases would blur the per-connection figure.
  await app.stop();
  app = await startTheApp();
  const listeners = await createSessions(client, world.ids.slice(0, scale.connections), { secret, seed: 303 });
  results.p3 = await measureIdleConnections({ url: app.url, pid: app.pid, cookies: listeners.map((s) => s.cookie), max: scale.connections, log });
}

if (runs("p5")) {
  step(`P5 retention sweep of ${scale.expiredPlans.toLocaleString("en")} ended plans`);
  results.p5 = await measureSweep({ client, world, app, secret, env, count: scale.expiredPlans, seconds, log });
}

await app.stop();
await finish(rowsOf(results), {
  after: () => results.plan && log(`Indexes the candidate query used: ${results.plan.indexes.join(", ")}. Example plan:\n${results.plan.example}`),
});
