// Notifying commits per second with 1, 4 and 8 listening processes: one process commits in a closed
// loop through the app's transaction() + notify() (one notification, one wake each), the others
// listen through the app's realtime module (`subscribe`, each to its share of the users). Both run the app's
// own code (ceiling-realtime.ts), with the realtime the `realtime` argument names (REALTIME): the
// same measurement measures any implementation of it.
import { summarize } from "./load.mjs";
import { startTsChild } from "./ts-child.mjs";

const SCRIPT = "ceiling-realtime.ts";
const WARM_UP_SECONDS = 2;
const SETTLE_MS = 1_000;

/**
 * Latency from each commit to its reader's listener being woken (the listener whose share holds the
 * user id). A listener is woken in the order of the commits: the kth commit for a user id is its kth
 * wake for it. Woken before the committer heard its COMMIT answered counts as no wait, as in P2.
 */
function delivery(commits, heard) {
  const seen = new Map();
  const latencies = [];
  const fromStart = [];
  for (const [id, started, committed] of [...commits].sort((a, b) => a[2] - b[2])) {
    const k = seen.get(id) ?? 0;
    seen.set(id, k + 1);
    const last = heard[id % heard.length].arrivals[id]?.[k];
    if (last === undefined) continue;
    latencies.push(Math.max(0, last - committed));
    fromStart.push(last - started);
  }
  return { delivered: latencies.length, ...summarize(latencies), fromStart: summarize(fromStart) };
}

/**
 * Measures `seconds` of commits with each count of listening processes in `listenerCounts`, the
 * committer keeping `concurrency` transactions going. `userIds`: existing users (notifications
 * name them), each commit waking the next in turn. `env`: the app's environment.
 */
export async function measureNotifyingCommits({ client, realtime, env, userIds, listenerCounts, seconds, concurrency, log }) {
  const childEnv = { ...env, REALTIME: realtime };
  const since = new Date();
  const committer = startTsChild(SCRIPT, { ...childEnv, DATABASE_POOL_SIZE: String(concurrency) });
  const rounds = [];
  try {
    await committer.ask({ commit: true, ids: userIds, seconds: WARM_UP_SECONDS, concurrency });
    for (const count of listenerCounts) {
      const listeners = Array.from({ length: count }, () => startTsChild(SCRIPT, childEnv));
      try {
        // Each listening process has its share of the users, as app processes each have their own streams.
        await Promise.all(listeners.map((listener, j) => listener.ask({ listen: true, ids: userIds, share: [j, count] })));
        const committed = await committer.ask({ commit: true, ids: userIds, seconds, concurrency });
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        const heard = await Promise.all(listeners.map((listener) => listener.ask({ stop: true })));
        const wakes = heard.reduce((sum, listener) => sum + listener.wakes, 0);
        const round = {
          listeners: count,
          commits: committed.commits.length,
          perSecond: committed.commits.length / committed.seconds,
          ...delivery(committed.commits, heard),
          wakes,
          // What a commit costs the listening processes together: with Postgres every one of them
          // receives every wake-up; with NATS only its reader's does.
          listenerCpuMsPerCommit: heard.reduce((sum, listener) => sum + listener.cpuMs, 0) / Math.max(1, committed.commits.length),
          committerCpuMsPerCommit: committed.cpuMs / Math.max(1, committed.commits.length),
        };
        rounds.push(round);
        log(
          `  ${realtime}, ${count} listening: ${round.perSecond.toFixed(0)} commits/s · reader woken p50 ${round.p50.toFixed(1)} ms · p95 ${round.p95.toFixed(1)} ms · ${round.delivered}/${round.commits} delivered`,
        );
      } finally {
        await Promise.all(listeners.map((listener) => listener.stop()));
      }
    }
  } finally {
    await committer.stop();
    await client.query("DELETE FROM notifications WHERE created_at >= $1", [since]);
  }
  return { realtime, concurrency, seconds, rounds };
}
