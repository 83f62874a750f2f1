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

// --quick: a few minutes on the small world; the full sizes are meant to finish within about 15
// minutes on 2 cores.
const SIZES = {
  quick: {
    posts: { from: 20, by: 20, upTo: 300, seconds: 5 },
    notify: { listenerCounts: [1, 4, 8], seconds: 5, concurrency: 16, users: 2_000 },
    live: [500, 2_000],
    matcher: { friendCounts: [20, 200, 2_000], samples: 3, growth: 10 },
    p2: { rate: 50, seconds: 10 },
  },
  full: {
    posts: { from: 25, by: 25, upTo: 400, seconds: 10 },
    notify: { listenerCounts: [1, 4, 8], seconds: 10, concurrency: 16, users: 5_000 },
    live: [1_000, 5_000, 10_000],
    matcher: { friendCounts: [20, 200, 2_000], samples: 10, growth: 10 },
    p2: { rate: 50, seconds: 20 },
  },
};

/**
 * `startApp()` starts a fresh production app (stopped here when done with); `env` is the app's
 * environment (DATABASE_URL, AUTH_SECRET); `activePlans`: how many the world was seeded with.
 */
export async function measureCeiling({ client, world, env, activePlans, quick, startApp, log, step }) {
  const size = quick ? SIZES.quick : SIZES.full;
  const ceiling = { sizes: size };

  step(`Ceiling: sustained plan posts (p95 ≤ 250 ms and keeping up), ${size.posts.seconds} s a step`);
  let app = await startApp();
  ceiling.posts = await measureSustainedPosts({ client, world, app, secret: env.AUTH_SECRET, ...size.posts, log });
  await app.stop();

  const nats = await startNats();
  addCleanup(nats.stop);
  const engineEnv = { postgres: { REALTIME: "postgres" }, nats: { REALTIME: "nats", NATS_URL: nats.url } };

  step(`Ceiling: notifying commits per second with ${size.notify.listenerCounts.join(", ")} listening processes, through ${REALTIMES.join(" and ")}`);
  ceiling.notify = {};
  const userIds = world.ids.slice(0, size.notify.users);
  for (const realtime of REALTIMES) {
    ceiling.notify[realtime] = await measureNotifyingCommits({ client, realtime, env: { ...env, ...engineEnv[realtime] }, userIds, ...size.notify, log });
  }

  step(`Ceiling: P2 (post → the friend's live stream) at ${size.p2.rate} posts/s through ${REALTIMES.join(" and ")}`);
  ceiling.p2 = {};
  for (const realtime of REALTIMES) {
    // As the default P2 runs it, and `npm start` does: background jobs on.
    app = await startApp({ backgroundJobs: true, extraEnv: engineEnv[realtime] });
    const p2 = { client, world, app, secret: env.AUTH_SECRET };
    // Warmed up first, as the default run's P2 is.
    await measureLiveLatency({ ...p2, rate: 10, seconds: 5, log: () => undefined, run: `warm-up-${realtime}` });
    ceiling.p2[realtime] = { rate: size.p2.rate, ...(await measureLiveLatency({ ...p2, ...size.p2, log, run: `p2-${realtime}` })) };
    await app.stop();
  }
  await nats.stop();

  step(`Ceiling: live connections held by one app process (${size.live.join(", ")})`);
  // A fresh process: memory left over from the posts would blur the per-connection figure.
  app = await startApp();
  const writer = startTsChild("ceiling-realtime.ts", env);
  try {
    const sessions = await createSessions(client, world.ids.slice(0, size.live.at(-1) + 1), { secret: env.AUTH_SECRET, seed: 601 });
    ceiling.live = await measureLiveCeiling({ app, sessions, steps: size.live, writer, log });
  } finally {
    await writer.stop();
    await app.stop();
  }

  const { growth, ...matcher } = size.matcher;
  const planCounts = [activePlans, activePlans * growth];
  step(`Ceiling: the matcher's cost per post, ${matcher.friendCounts.join(" / ")} friends, ${planCounts.map((n) => n.toLocaleString("en")).join(" → ")} active plans`);
  ceiling.matcher = await measureMatcherCost({ client, world, env, planCounts, ...matcher, log });
  return ceiling;
}
