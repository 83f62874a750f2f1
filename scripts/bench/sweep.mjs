// P5: the retention sweeper deleting a million ended plans (the app's own sweepRetention, batched
// DELETEs), and the p99 of plan posts made while it runs against the p99 of the same load without it.
import { load } from "./load.mjs";
import { random } from "./random.mjs";
import { POST_PLAN } from "./requests.mjs";
import { runTask } from "./tasks.mjs";
import { forgetSince, preparePosters, warmUp } from "./throughput.mjs";
import { insertPlans, planNear } from "./world.mjs";

// A steady, moderate load: the question is how much the sweep delays posts, not the peak rate.
const RATE = 30;
const CONNECTIONS = 10;

async function seedEnded(client, world, count, now) {
  const rng = random(505);
  for (let start = 0; start < count; start += 50_000) {
    const plans = [];
    for (let n = start; n < Math.min(count, start + 50_000); n++) {
      const user = rng.int(world.ids.length);
      plans.push(planNear(rng, world.ids[user], world.homes[user], now, { active: false }));
    }
    await insertPlans(client, plans);
  }
  await client.query("ANALYZE plans");
}

export async function measureSweep({ client, world, app, secret, env, count, seconds, log }) {
  const now = new Date();
  const seeding = Date.now();
  await seedEnded(client, world, count, now);
  log(`  ${count.toLocaleString("en")} ended plans written in ${((Date.now() - seeding) / 1000).toFixed(1)} s`);
  const posters = await preparePosters(client, world, { count: 2000, seed: 505, secret, appUrl: app.url });
  const requests = posters.map((poster) => poster.app);
  const url = `${app.url}${POST_PLAN.path}`;

  await warmUp(client, { url, requests, connections: CONNECTIONS, rate: RATE });
  const idleSince = new Date();
  const idle = await load({ url, requests, connections: CONNECTIONS, seconds, rate: RATE });
  await forgetSince(client, idleSince);

  const sweepSince = new Date();
  const sweeping = runTask(["sweep"], env);
  const during = await load({ url, requests, connections: CONNECTIONS, seconds: 600, rate: RATE, until: sweeping });
  const swept = await sweeping;
  await forgetSince(client, sweepSince);
  const { rows } = await client.query("SELECT count(*)::int AS n FROM plans WHERE ends_at < $1", [now]);
  if (rows[0].n > 0) throw new Error(`The sweep left ${rows[0].n} ended plans behind`);
  return { rows: swept.counts.plans, seconds: swept.seconds, idle, during, p99Ratio: during.p99 / idle.p99 };
}
