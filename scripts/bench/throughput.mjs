// P1: plan posts per second through the production app (server action: session, zod, rate limit,
// area budget, insert, matcher) vs the bare baseline doing the same SQL for the same requests.
import { join } from "node:path";
import { freePort } from "../lib/database.mjs";
import { ROOT, serverTsArgs } from "../lib/paths.mjs";
import { load, summarize } from "./load.mjs";
import { random } from "./random.mjs";
import { actionId, planPost, POST_PLAN } from "./requests.mjs";
import { startProcess } from "./servers.mjs";
import { createSessions } from "./sessions.mjs";
import { pickActivity } from "./world.mjs";

const CONNECTIONS = 20;
// Long enough for V8 to have compiled the hot paths of both servers (the app's first seconds after a
// start run ~40% slower than its steady state, the small baseline's far less): what is compared is
// how each serves load for hours, not its first seconds after a deploy.
const WARM_UP_SECONDS = 10;
const WARM_UP_POSTERS = 1000;

/** Users (distinct from every other phase's) with sessions and their prepared plan posts. */
export async function preparePosters(client, world, { count, seed, secret, appUrl }) {
  const rng = random(seed);
  const chosen = new Set();
  while (chosen.size < count) chosen.add(rng.int(world.ids.length));
  const indexes = [...chosen].filter((index) => !world.taken.has(index));
  for (const index of indexes) world.taken.add(index);
  const sessions = await createSessions(client, indexes.map((index) => world.ids[index]), { secret, seed });
  const id = actionId(POST_PLAN.exportedName, POST_PLAN.file);
  return Promise.all(
    sessions.map(async (session, n) => {
      const app = await planPost({ id, origin: appUrl, cookie: session.cookie, plan: { activity: pickActivity(rng), cell: world.homes[indexes[n]].cell } });
      const baseline = { headers: { cookie: `sid=${session.sessionId}`, "content-type": app.headers["content-type"] }, body: app.body };
      return { ...session, app, baseline };
    }),
  );
}

/** Removes what a measurement posted (plans, matches and what they told people) and its rate-limit counts. */
export async function forgetSince(client, since) {
  await client.query("DELETE FROM notifications WHERE created_at >= $1", [since]);
  await client.query("DELETE FROM disclosures WHERE created_at >= $1", [since]);
  await client.query("DELETE FROM matches WHERE created_at >= $1", [since]);
  await client.query("DELETE FROM plans WHERE created_at >= $1", [since]);
  await client.query("DELETE FROM rate_limits");
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));

/** Load for WARM_UP_SECONDS, then forget what it posted. */
export async function warmUp(client, { url, requests, connections = CONNECTIONS, rate }) {
  const since = new Date();
  await load({ url, requests, connections, seconds: WARM_UP_SECONDS, rate });
  await settle(); // requests still in flight when the load stopped
  await forgetSince(client, since);
}

/** One measured round; `from` is where in `requests` it starts, so no user posts again too soon. */
async function round(client, { url, requests, from, seconds }) {
  const started = new Date();
  const result = await load({ url, requests: [...requests.slice(from), ...requests.slice(0, from)], connections: CONNECTIONS, seconds, keepLatencies: true });
  await settle();
  const { rows } = await client.query("SELECT count(*)::int AS n FROM plans WHERE created_at >= $1", [started]);
  await forgetSince(client, started);
  // Every 2xx must have stored a plan: an error page or a refusal would be a fast, meaningless 200.
  if (rows[0].n < result.count * 0.99) {
    throw new Error(`${url}: ${result.count} answers but only ${rows[0].n} plans stored — the requests are being refused`);
  }
  return { ...result, stored: rows[0].n };
}

/** The rounds of one server as one measurement: all answers over all the time they took. */
function pooled(rounds) {
  const seconds = rounds.reduce((sum, r) => sum + r.seconds, 0);
  const sum = (key) => rounds.reduce((total, r) => total + r[key], 0);
  const { count, p50, p95, p99 } = summarize(rounds.flatMap((r) => r.latencies));
  return { rps: count / seconds, count, p50, p95, p99, failed: sum("failed"), sent: sum("sent"), stored: sum("stored"), seconds, rounds: rounds.map((r) => r.rps) };
}

export async function startBaseline({ databaseUrl, secret, logFile }) {
  const port = await freePort();
  const server = await startProcess(
    serverTsArgs(join(ROOT, "scripts", "bench", "baseline-server.ts"), String(port)),
    { env: { ...process.env, NODE_ENV: "production", DATABASE_URL: databaseUrl, AUTH_SECRET: secret, BACKGROUND_JOBS: "off" }, ready: /is ready/, logFile, name: "The baseline" },
  );
  return { ...server, url: `http://127.0.0.1:${port}` };
}

// The measured time is split into rounds taken in turn, baseline-app-app-baseline …: the machine's
// speed drifts (other tenants of the host), and a drift over the run then weighs on both alike.
const ROUNDS = 4;

export async function measureThroughput({ client, world, app, baseline, secret, seconds, posters }) {
  const prepared = await preparePosters(client, world, { count: posters, seed: 101, secret, appUrl: app.url });
  // Other users warm the servers up, so measured cookies are new to the app (until the rounds have
  // gone through the whole list of posters, which the bench sizes to last).
  const warm = await preparePosters(client, world, { count: WARM_UP_POSTERS, seed: 102, secret, appUrl: app.url });
  const sides = {
    baseline: { url: baseline.url, requests: prepared.map((p) => p.baseline), warmUp: warm.map((p) => p.baseline), rounds: [], from: 0 },
    app: { url: `${app.url}${POST_PLAN.path}`, requests: prepared.map((p) => p.app), warmUp: warm.map((p) => p.app), rounds: [], from: 0 },
  };
  for (const side of Object.values(sides)) await warmUp(client, { url: side.url, requests: side.warmUp });
  for (let n = 0; n < ROUNDS; n++) {
    for (const name of n % 2 === 0 ? ["baseline", "app"] : ["app", "baseline"]) {
      const side = sides[name];
      const result = await round(client, { url: side.url, requests: side.requests, from: side.from, seconds: seconds / ROUNDS });
      side.rounds.push(result);
      side.from = (side.from + result.sent) % side.requests.length;
    }
  }
  const [bare, full] = [pooled(sides.baseline.rounds), pooled(sides.app.rounds)];
  return { app: full, baseline: bare, ratio: full.rps / bare.rps };
}
