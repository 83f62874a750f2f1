// P2: from a plan post's response to the match notification arriving on the friend's open live
// stream (/api/events), with N friends listening and posts arriving at a steady rate. With a push
// service (push.mjs), each friend also has a device there, and the same posts measure the match's
// push: from the post's response to the push request reaching the push service.
import { request } from "node:http";
import { summarize } from "./load.mjs";
import { random } from "./random.mjs";
import { actionId, planPost, POST_PLAN } from "./requests.mjs";
import { createSessions } from "./sessions.mjs";
import { addDevices } from "./push.mjs";
import { forgetSince } from "./throughput.mjs";
import { insertPlans } from "./world.mjs";

const ACTIVITY = "running";
const WAIT_AFTER_MS = 5_000;
let measurements = 0;

/** Pairs of friends neither of whom another measurement uses: one posts, the other listens. */
function pickPairs(world, count, rng) {
  const pairs = [];
  for (let tries = 0; pairs.length < count && tries < count * 50; tries++) {
    const poster = rng.int(world.ids.length);
    const friend = world.friends[poster]?.[0]?.friend;
    if (friend === undefined || world.taken.has(poster) || world.taken.has(friend)) continue;
    world.taken.add(poster);
    world.taken.add(friend);
    pairs.push({ poster, listener: friend });
  }
  if (pairs.length < count) throw new Error(`Only ${pairs.length} free pairs of friends for the live measurement`);
  return pairs;
}

/** Opens a live stream; calls `onNotification` at the first notification event. Resolves once connected. */
function listen(url, cookie, onNotification) {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/events`, { headers: { cookie, accept: "text/event-stream" }, agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`live stream answered ${res.statusCode}`));
      let seen = "";
      let told = false;
      res.setEncoding("utf8");
      res.on("data", (chunk) => {
        const at = performance.now();
        seen += chunk;
        if (!told && seen.includes("event: notification")) {
          told = true;
          onNotification(at);
        }
        if (seen.length > 4096) seen = seen.slice(-256);
      });
      resolve(req);
    });
    req.on("error", reject);
    req.end();
  });
}

/**
 * Measures `rate` matching posts a second for `seconds` (`run` names the measurement: a warm-up and
 * the real one use different pairs, sessions and devices).
 */
export async function measureLiveLatency({ client, world, app, secret, rate, seconds, log, pushService, run = "p2" }) {
  // Its own plan ids and sessions per measurement in this process; the rest follows from its name.
  const measurement = ++measurements;
  const seed = measurement * 1000 + ([...run].reduce((sum, char) => (Math.imul(sum, 31) + char.charCodeAt(0)) >>> 0, 0) % 1000);
  const rng = random(seed * 4 + 1);
  const count = rate * seconds;
  const pairs = pickPairs(world, count, rng);
  const now = new Date();
  // Each listener already has a plan the poster's will match: same activity, the poster's area.
  await insertPlans(
    client,
    pairs.map(({ poster, listener }, n) => ({
      id: `00000000-0000-4000-8${String(measurement).padStart(3, "0")}-${String(n).padStart(12, "0")}`,
      userId: world.ids[listener],
      activity: ACTIVITY,
      startsAt: now,
      endsAt: new Date(now.getTime() + 3 * 3600_000),
      cell: world.homes[poster].cell,
      travelKm: 25,
      audience: "friends",
      createdAt: now,
    })),
  );
  const posters = await createSessions(client, pairs.map((pair) => world.ids[pair.poster]), { secret, seed: seed * 4 + 2 });
  const listeners = await createSessions(client, pairs.map((pair) => world.ids[pair.listener]), { secret, seed: seed * 4 + 3 });
  if (pushService) await addDevices(client, pairs.map((pair) => world.ids[pair.listener]), pushService, run);
  const id = actionId(POST_PLAN.exportedName, POST_PLAN.file);
  const posts = await Promise.all(
    pairs.map((pair, n) =>
      planPost({ id, origin: app.url, cookie: posters[n].cookie, plan: { activity: ACTIVITY, cell: world.homes[pair.poster].cell, travelKm: 25 } }),
    ),
  );

  const arrived = new Array(count);
  const streams = [];
  for (let n = 0; n < count; n += 100) {
    streams.push(...(await Promise.all(listeners.slice(n, n + 100).map((session, k) => listen(app.url, session.cookie, (at) => (arrived[n + k] = at))))));
  }
  log(`  ${streams.length} friends listening; posting ${rate}/s for ${seconds} s`);

  const sent = new Array(count);
  const answered = new Array(count);
  const started = performance.now();
  await Promise.all(
    posts.map(async (post, n) => {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + (n * 1000) / rate - performance.now())));
      sent[n] = performance.now();
      const response = await fetch(`${app.url}${POST_PLAN.path}`, { method: "POST", headers: post.headers, body: post.body });
      await response.arrayBuffer();
      answered[n] = performance.now();
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, WAIT_AFTER_MS));
  for (const stream of streams) stream.destroy();

  // A notification usually arrives before the post's own response (the match commits before the
  // poster's page is rendered): that counts as no wait after the response. From the moment the post
  // was sent is the whole way, poster's click to friend's screen.
  const live = latenciesOf(arrived, sent, answered);
  const push = pushService && latenciesOf(pushService.arrivals(run), sent, answered);
  // Its plans, matches and notifications go: the next measurement's posters are friends of some of
  // these people, and would otherwise have more candidates to match than this one had.
  await forgetSince(client, now);
  return { listeners: streams.length, posts: count, ...live, ...(push ? { push } : {}) };
}

function latenciesOf(arrived, sent, answered) {
  const latencies = [];
  const fromSent = [];
  let early = 0;
  for (let n = 0; n < sent.length; n++) {
    if (arrived[n] === undefined) continue;
    if (arrived[n] < answered[n]) early++;
    latencies.push(Math.max(0, arrived[n] - answered[n]));
    fromSent.push(arrived[n] - sent[n]);
  }
  return { delivered: latencies.length, early, ...summarize(latencies), fromSent: summarize(fromSent) };
}
