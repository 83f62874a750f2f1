// `npm run bench -- --ceiling`: how far one machine goes, measured rather than guessed — sustained
// plan posts through the production app, notifying commits through the realtime module with 1, 4
// and 8 listening processes, live connections (and memory) per app process, and the matcher's cost
// per post as friends and active plans grow. Only these measurements run; bench.mjs prints the rows
// (ceiling-report.mjs) and writes them under `ceiling` in bench/results.json.
import { measureLiveCeiling } from "./ceiling-live.mjs";
import { measureMatcherCost } from "./ceiling-matcher.mjs";
import { measureNotifyingCommits } from "./ceiling-notify.mjs";
import { measureSustainedPosts } from "./ceiling-posts.mjs";
import { createSessions } from "./sessions.mjs";
import { startTsChild } from "./ts-child.mjs";

// The realtime implementations measured (REALTIME); another one (with what it needs in the
// environment, e.g. NATS_URL) is one more entry here.
const REALTIMES = ["postgres"];

// --quick: a few minutes on the small world; the full sizes are meant to finish within about 15
// minutes on 2 cores.
const SIZES = {
  quick: {
    posts: { from: 20, by: 20, upTo: 300, seconds: 5 },
    notify: { listenerCounts: [1, 4, 8], seconds: 5, concurrency: 16, users: 2_000 },
    live: [500, 2_000],
    matcher: { friendCounts: [20, 200, 2_000], samples: 3, growth: 10 },
  },
  full: {
    posts: { from: 25, by: 25, upTo: 400, seconds: 10 },
    notify: { listenerCounts: [1, 4, 8], seconds: 10, concurrency: 16, users: 5_000 },
    live: [1_000, 5_000, 10_000],
    matcher: { friendCounts: [20, 200, 2_000], samples: 10, growth: 10 },
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

  step(`Ceiling: notifying commits per second with ${size.notify.listenerCounts.join(", ")} listening processes`);
  ceiling.notify = {};
  const userIds = world.ids.slice(0, size.notify.users);
  for (const realtime of REALTIMES) ceiling.notify[realtime] = await measureNotifyingCommits({ client, realtime, env, userIds, ...size.notify, log });

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
