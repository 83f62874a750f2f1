// The ceiling of plan posts: the composer's real post (as P1 sends it) at a steady rate through the
// production app, stepped up until a step misses — its p95 above 250 ms, or the app not keeping up:
// failures, answers still coming more than a second after the last post was sent, or a backlog of
// posted plans still waiting for the matcher (which runs after the answer) of more than a second's
// worth when the step ends. A
// step that misses is run once more before the stepping stops: one slow step on a shared machine
// should not decide the ceiling.
import { summarize } from "./load.mjs";
import { POST_PLAN } from "./requests.mjs";
import { forgetSince, preparePosters, warmUp } from "./throughput.mjs";

export const P95_LIMIT_MS = 250;
const TAIL_LIMIT_MS = 1_000;
const DRAIN_LIMIT_MS = 15_000;

const UNMATCHED = "SELECT count(*)::int AS n FROM plans WHERE created_at >= $1 AND matched_at IS NULL";
const STORED = "SELECT count(*)::int AS n FROM plans WHERE created_at >= $1";

/** How long the matcher took to catch up with the plans posted since `since` (ms), at most DRAIN_LIMIT_MS. */
async function drain(client, since) {
  const started = performance.now();
  while (performance.now() - started < DRAIN_LIMIT_MS) {
    const { rows } = await client.query(UNMATCHED, [since]);
    if (rows[0].n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return performance.now() - started;
}

/**
 * Sends `rate` × `seconds` of `requests` evenly spaced, each at its time whether or not earlier
 * ones were answered (autocannon's rate sends each second's share at once, in a burst).
 */
async function paced({ url, requests, rate, seconds }) {
  const latencies = [];
  let failed = 0;
  let lastAnswer = 0;
  const started = performance.now();
  const count = Math.round(rate * seconds);
  await Promise.all(
    Array.from({ length: count }, async (_, n) => {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + (n * 1000) / rate - performance.now())));
      const { headers, body } = requests[n % requests.length];
      const sent = performance.now();
      try {
        const response = await fetch(url, { method: "POST", headers, body });
        await response.arrayBuffer();
        if (response.ok) latencies.push(performance.now() - sent);
        else failed++;
      } catch {
        failed++;
      }
      lastAnswer = Math.max(lastAnswer, performance.now());
    }),
  );
  const lastSent = started + ((count - 1) * 1000) / rate;
  return { ...summarize(latencies), failed, rps: latencies.length / ((lastAnswer - started) / 1000), tailMs: lastAnswer - lastSent };
}

async function stepAt(client, { url, requests, rate, seconds, first }) {
  const since = new Date();
  const result = await paced({ url, requests, rate, seconds });
  const backlog = (await client.query(UNMATCHED, [since])).rows[0].n;
  const drainMs = await drain(client, since);
  const stored = (await client.query(STORED, [since])).rows[0].n;
  await forgetSince(client, since);
  // Every 2xx must have stored a plan: a server action answers "busy, try again" (the pool's queue
  // is full) with a 200 too. Those count as failures; at the first step they mean the bench is wrong.
  const unstored = Math.max(0, result.count - stored);
  if (first && unstored > result.count * 0.01) throw new Error(`${result.count} answers but only ${stored} plans stored — the posts are being refused`);
  const failed = result.failed + unstored;
  const keepsUp = failed === 0 && result.tailMs <= TAIL_LIMIT_MS && backlog <= rate;
  const { rps, p50, p95, p99, tailMs } = result;
  return { rate, rps, p50, p95, p99, failed, unstored, tailMs, backlog, drainMs, keepsUp, ok: keepsUp && p95 <= P95_LIMIT_MS };
}

/**
 * Steps the rate from `from` by `by` a second, `seconds` each, until a step misses twice (or
 * `upTo`). Returns every step run and the highest rate met.
 */
export async function measureSustainedPosts({ client, world, app, secret, from, by, upTo, seconds, log }) {
  const url = `${app.url}${POST_PLAN.path}`;
  // A post of its own for every request of the fastest step: a user posting twice within a step
  // would meet the rate limit, or repeat a post's idempotency key.
  const posters = await preparePosters(client, world, { count: upTo * seconds, seed: 501, secret, appUrl: app.url });
  const warm = await preparePosters(client, world, { count: 1000, seed: 502, secret, appUrl: app.url });
  // At the first step's rate: flat out, the matcher's backlog (run after each answer) would still
  // be running when the first step starts.
  await warmUp(client, { url, requests: warm.map((poster) => poster.app), rate: from });
  const requests = posters.map((poster) => poster.app);
  const steps = [];
  for (let rate = from; rate <= upTo; rate += by) {
    let step;
    for (let attempt = 0; attempt < 2 && !step?.ok; attempt++) {
      step = await stepAt(client, { url, requests, rate, seconds, first: steps.length === 0 });
      steps.push(step);
      log(
        `  ${rate}/s: ${step.rps.toFixed(1)} answered/s · p50 ${step.p50.toFixed(0)} ms · p95 ${step.p95.toFixed(0)} ms · ${step.failed ? `${step.failed} failed (${step.unstored} answered "busy") · ` : ""}backlog ${step.backlog} (drained in ${step.drainMs.toFixed(0)} ms)${step.ok ? "" : " — missed"}`,
      );
    }
    if (!step.ok) break;
  }
  const met = steps.filter((step) => step.ok).at(-1);
  return { p95LimitMs: P95_LIMIT_MS, seconds, steps, sustained: met?.rate ?? 0 };
}
