// `npm run bench -- --ceiling`: how far one machine goes, measured rather than guessed — sustained
// plan posts through the production app, notifying commits through the realtime module with 1, 4
// and 8 listening processes, live connections (and memory) per app process, and the matcher's cost
// per post as friends and active plans grow. Only these measurements run; bench.mjs prints the rows
// (ceiling-report.mjs) and writes them under `ceiling` in bench/results.json.
import { startNats } from "../lib/nats.mjs";
import { addCleanup } from "../lib/process.mjs";
import { measureLiveCeiling } from "./ceiling-live.mjs";
import { measureLiveLatency } from "./live.mjs";
import { measureMatcherCost } from "./ceiling-matcher.mjs";
import { measureNotifyingCommits } from "./ceiling-notify.mjs";
import { measureSustainedPosts } from "./ceiling-posts.mjs";
import { createSessions } from "./sessions.mjs";
import { startTsChild } from "./ts-child.mjs";

// The realtime engines compared (REALTIME, lib/server/live/realtime.ts): each gets the same notifying
// commits and the same P2 load; NATS on a nats-server the bench starts.
const REALTIMES = ["postgres", "nats"];
/** What `--ceiling --only=…` may name. */
export const CEILING_PARTS = ["posts", "notify", "p2", "live", "matcher"];

// --quick: a few minutes on the small world; the full sizes are meant to finish within about 15
// minutes on 2 cores.
const SIZES = {
  quick: {
    posts: { from: 20, by: 20, upTo: 300, seconds: 5 },
    notify: { listenerCounts: [1, 4, 8], seconds: 5, concurrency: 16, users: 2_000 },
    live: [500, 2_000],
    matcher: { friendCounts: [20, 200, 2_000], samples: 3, growth: 10 },
    p2: { rates: [25, 50], seconds: 10 },
  },
  full: {
    posts: { from: 25, by: 25, upTo: 400, seconds: 10 },
    notify: { listenerCounts: [1, 4, 8], seconds: 10, concurrency: 16, users: 5_000 },
    live: [1_000, 5_000, 10_000],
    matcher: { friendCounts: [20, 200, 2_000], samples: 10, growth: 10 },
    p2: { rates: [25, 50], seconds: 20 },
  },
};

/**
 * `startApp()` starts a fresh production app (stopped here when done with); `env` is the app's
 * environment (DATABASE_URL, AUTH_SECRET); `activePlans`: how many the world was seeded with.
 */
export async function measureCeiling({ client, world, env, activePlans, quick, only, startApp, log, step }) {
  const size = quick ? SIZES.quick : SIZES.full;
  const ceiling = { sizes: size };
  // --only=p2 (or posts, notify, p2, live, matcher) re-measures just those.
  const runs = (name) => !only || only.includes(name);

  if (runs("posts")) {
    step(`Ceiling: sustained plan posts (p95 ≤ 250 ms and keeping up), ${size.posts.seconds} s a step`);
    const app = await startApp();
    ceiling.posts = await measureSustainedPosts({ client, world, app, secret: env.AUTH_SECRET, ...size.posts, log });
    await app.stop();
  }

  if (runs("notify") || runs("p2")) {
    const nats = await startNats();
    addCleanup(nats.stop);
    const engineEnv = { postgres: { REALTIME: "postgres" }, nats: { REALTIME: "nats", NATS_URL: nats.url } };

    if (runs("notify")) {
      step(`Ceiling: notifying commits per second with ${size.notify.listenerCounts.join(", ")} listening processes, through ${REALTIMES.join(" and ")}`);
      ceiling.notify = {};
      const userIds = world.ids.slice(0, size.notify.users);
      for (const realtime of REALTIMES) {
        ceiling.notify[realtime] = await measureNotifyingCommits({ client, realtime, env: { ...env, ...engineEnv[realtime] }, userIds, ...size.notify, log });
      }
    }

    if (runs("p2")) {
      step(`Ceiling: P2 (post → the friend's live stream) at ${size.p2.rates.join(" and ")} posts/s through ${REALTIMES.join(" and ")}`);
      // Near one process's limit a few busy seconds of the machine (autovacuum, the page cache) swing
      // P2 by seconds, so the engines take turns going first, and a lower rate shows them unloaded.
      ceiling.p2 = [];
      for (const [at, rate] of size.p2.rates.entries()) {
        for (const realtime of at % 2 === 0 ? REALTIMES : REALTIMES.toReversed()) {
          const name = `p2-${realtime}-${rate}`;
          // As the default P2 runs it, and `npm start` does: background jobs on.
          const app = await startApp({ backgroundJobs: true, extraEnv: engineEnv[realtime], nodeArgs: profileArgs(name) });
          const p2 = { client, world, app, secret: env.AUTH_SECRET };
          // Warmed up first, as the default run's P2 is.
          await measureLiveLatency({ ...p2, rate: 10, seconds: 5, log: () => undefined, run: `warm-up-${name}` });
          ceiling.p2.push({ realtime, rate, ...(await measureLiveLatency({ ...p2, rate, seconds: size.p2.seconds, log, run: name })) });
          await app.stop();
        }
      }
    }
    await nats.stop();
  }

  if (runs("live")) {
    step(`Ceiling: live connections held by one app process (${size.live.join(", ")})`);
    // A fresh process: memory left over from the posts would blur the per-connection figure.
    const app = await startApp();
    const writer = startTsChild("ceiling-realtime.ts", env);
    try {
      const sessions = await createSessions(client, world.ids.slice(0, size.live.at(-1) + 1), { secret: env.AUTH_SECRET, seed: 601 });
      ceiling.live = await measureLiveCeiling({ app, sessions, steps: size.live, writer, log });
    } finally {
      await writer.stop();
      await app.stop();
    }
  }

  if (runs("matcher")) {
    const { growth, ...matcher } = size.matcher;
    const planCounts = [activePlans, activePlans * growth];
    step(`Ceiling: the matcher's cost per post, ${matcher.friendCounts.join(" / ")} friends, ${planCounts.map((n) => n.toLocaleString("en")).join(" → ")} active plans`);
    ceiling.matcher = await measureMatcherCost({ client, world, env, planCounts, ...matcher, log });
  }
  return ceiling;
}

/** BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles P2's apps (each engine's profile in its own folder). */
function profileArgs(name) {
  const args = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(" ") : [];
  return args.map((arg) => (arg.startsWith("--cpu-prof-dir=") ? `${arg}/${name}` : arg));
}
