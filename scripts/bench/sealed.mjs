// `npm run bench -- --sealed`: what sealed matching (docs: /lib/sealed) would cost — the poster's
// browser making one plan's tokens, and the server matching new plans by token equality over the
// bench world — next to today's candidate query, in one run. Prints rows; bench.mjs writes them.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { random } from "./random.mjs";
import { measureSealedClient } from "./sealed-client.mjs";
import { runTask } from "./tasks.mjs";
import { planNear } from "./world.mjs";

/** The popular activities (world.mjs's two most common), so that some sampled plans match. */
const POPULAR = ["running", "coffee"];

/** New plans of `count` different users, near their homes as the world's plans are, posted at `now`. */
function samplePlans(world, now, count) {
  const rng = random(707);
  const plans = [];
  const posters = new Set();
  while (plans.length < count) {
    const user = rng.int(world.ids.length);
    if (world.taken.has(user) || posters.has(user)) continue;
    posters.add(user);
    const plan = planNear(rng, world.ids[user], world.homes[user], now, { active: true, activity: rng.pick(POPULAR) });
    // A new plan starts now or later, on a whole minute (sealed windows are whole minutes).
    const startsAt = new Date(Math.max(plan.startsAt.getTime(), now.getTime()));
    plans.push({ ...plan, startsAt, endsAt: new Date(Math.max(plan.endsAt.getTime(), startsAt.getTime() + 60 * 60_000)) });
  }
  return plans;
}

export async function measureSealed({ world, env, now, samples, log }) {
  log("  client: lib/sealed in headless Chromium");
  const client = await measureSealedClient({ log });
  log(`  server: real tokens for every active plan and friend in its audience, then ${samples} new plans matched both ways`);
  const dir = mkdtempSync(join(tmpdir(), "sealed-bench-"));
  try {
    const file = join(dir, "samples.json");
    writeFileSync(file, JSON.stringify({ now: now.toISOString(), samples: samplePlans(world, now, samples) }));
    const server = await runTask([file], env, "sealed-server.ts");
    return { client, server };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
