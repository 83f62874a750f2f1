// The matcher's cost per post as the poster's friend count grows and as active plans grow: posters
// with exactly 20, 200 or 2,000 friends (mutual, mostly in their city, a quarter close each way, as
// the world's) are added to the world; each posts a plan through the app's own code
// (ceiling-matcher.ts) at each count of active plans, the world's first, then more added.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { summarize } from "./load.mjs";
import { random } from "./random.mjs";
import { runTask } from "./tasks.mjs";
import { forgetSince } from "./throughput.mjs";
import { CLOSE_SHARE, insertFriendships, insertPlans, insertUsers, LOCAL_FRIENDS, planNear, userId } from "./world.mjs";

const PLANS_PER_INSERT = 50_000;

/** `count` new users per friend count, each with that many friends; returns { friends, posters: [{ userId, cell }] }[]. */
async function seedPosters(client, world, friendCounts, count) {
  const rng = random(909);
  const byCity = new Map();
  world.homes.forEach((home, index) => {
    if (!byCity.has(home.city)) byCity.set(home.city, []);
    byCity.get(home.city).push(index);
  });
  let next = world.ids.length;
  const owners = [];
  const friendIds = [];
  const close = [];
  const groups = friendCounts.map((friends) => {
    const posters = Array.from({ length: count }, () => {
      const home = world.homes[rng.int(world.ids.length)];
      const local = byCity.get(home.city);
      const chosen = new Set();
      while (chosen.size < friends) chosen.add(rng.next() < LOCAL_FRIENDS && chosen.size < local.length ? rng.pick(local) : rng.int(world.ids.length));
      const id = userId(next++);
      for (const friend of chosen) {
        owners.push(id, world.ids[friend]);
        friendIds.push(world.ids[friend], id);
        close.push(rng.next() < CLOSE_SHARE, rng.next() < CLOSE_SHARE);
      }
      return { userId: id, cell: home.cell };
    });
    return { friends, posters };
  });
  const ids = groups.flatMap((group) => group.posters.map((poster) => poster.userId));
  await insertUsers(client, ids, "ceiling");
  await insertFriendships(client, owners, friendIds, close);
  return groups;
}

/** `count` more active plans, of world users drawn at random (some then have several). */
async function addPlans(client, world, count, seed) {
  const rng = random(seed);
  const now = new Date();
  for (let added = 0; added < count; added += PLANS_PER_INSERT) {
    const plans = Array.from({ length: Math.min(PLANS_PER_INSERT, count - added) }, () => {
      const user = rng.int(world.ids.length);
      return planNear(rng, world.ids[user], world.homes[user], now, { active: true });
    });
    await insertPlans(client, plans);
  }
  await client.query("ANALYZE plans");
}

const perPost = (posts, key) => posts.reduce((sum, post) => sum + post[key], 0) / posts.length;

/** A point's posts in a few figures: medians of the times, means of the counts and CPU. */
function summarizePoint({ friends, posts, dbCpuMsPerPost }) {
  return {
    friends,
    posts: posts.length,
    postMs: summarize(posts.map((post) => post.postMs)),
    matchMs: summarize(posts.map((post) => post.matchMs)),
    statements: perPost(posts, "postStatements") + perPost(posts, "matchStatements"),
    matchStatements: perPost(posts, "matchStatements"),
    candidates: perPost(posts, "candidates"),
    friendsChecked: perPost(posts, "friendsChecked"),
    matches: perPost(posts, "matches"),
    nodeCpuMs: perPost(posts, "nodeCpuMs"),
    dbCpuMs: dbCpuMsPerPost,
  };
}

/**
 * At each count of active plans in `planCounts` (the first the world's own), `samples` posts per
 * friend count in `friendCounts`. What the posts wrote is removed after each count.
 */
export async function measureMatcherCost({ client, world, env, friendCounts, planCounts, samples, log }) {
  // One more poster of the first count: the post that warms the process up.
  const groups = await seedPosters(client, world, friendCounts, samples + 1);
  const warmUp = groups[0].posters.pop();
  const dir = mkdtempSync(join(tmpdir(), "ceiling-matcher-"));
  const levels = [];
  try {
    let seeded = planCounts[0];
    for (const [n, plans] of planCounts.entries()) {
      if (plans > seeded) {
        const started = Date.now();
        await addPlans(client, world, plans - seeded, 910 + n);
        log(`  ${(plans - seeded).toLocaleString("en")} more active plans added in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        seeded = plans;
      }
      const { rows } = await client.query("SELECT count(*)::int AS n FROM plans WHERE ends_at > now()");
      const file = join(dir, `level-${n}.json`);
      writeFileSync(file, JSON.stringify({ warmUp, points: groups }));
      const since = new Date();
      const points = (await runTask([file], env, "ceiling-matcher.ts")).map(summarizePoint);
      await forgetSince(client, since);
      levels.push({ plans, activeNow: rows[0].n, points });
      for (const point of points) {
        log(
          `  ${plans.toLocaleString("en")} plans, ${point.friends} friends: post p50 ${point.postMs.p50.toFixed(1)} ms + match p50 ${point.matchMs.p50.toFixed(1)} ms · ${point.statements.toFixed(0)} statements · ${point.candidates.toFixed(0)} candidates`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { samples, levels };
}
