// Posting as the attacker does: the composer's own server action call, sent by the attacker's own
// client, one at a time (nothing queues behind anything else), each timed from sending it to the
// last byte of the answer — all an attacker can observe.
import { hrtime } from "node:process";
import { random } from "../bench/random.mjs";
import { actionId, planPost, POST_PLAN } from "../bench/requests.mjs";
import { createSessions } from "../bench/sessions.mjs";
import { ACTIVITY, TRAVEL_KM } from "./seed.mjs";

/** Each pair's two posts ({ in, out }), signed in and encoded ahead of time so only the server is timed. */
export async function preparePosts(client, pairs, { appUrl, secret }) {
  const attackers = pairs.flatMap((pair) => [pair.in, pair.out]);
  const sessions = await createSessions(
    client,
    attackers.map((attacker) => attacker.userId),
    { secret, seed: 11 },
  );
  const id = actionId(POST_PLAN.exportedName, POST_PLAN.file);
  const posts = await Promise.all(
    attackers.map((attacker, n) =>
      planPost({ id, origin: appUrl, cookie: sessions[n].cookie, plan: { activity: ACTIVITY, cell: attacker.cell, travelKm: TRAVEL_KM, audience: "friends" } }),
    ),
  );
  return pairs.map((_, n) => ({ in: posts[2 * n], out: posts[2 * n + 1] }));
}

/** Sends one post; its wall time in ms, once the answer says it was posted. */
async function timedPost(url, { headers, body }) {
  const started = hrtime.bigint();
  const response = await fetch(url, { method: "POST", headers, body });
  const text = await response.text();
  const ms = Number(hrtime.bigint() - started) / 1e6;
  // A refusal (signed out, a limit, a field error) is also a 200, with ok:false in the RSC payload,
  // and much faster than a post: timing it would measure something else.
  if (!response.ok || !text.includes('"ok":true')) {
    throw new Error(`A post was not accepted (HTTP ${response.status}): ${text.slice(0, 300)}`);
  }
  return ms;
}

/**
 * Times each pair's two posts back to back, in an order a seeded coin flip picks: whatever the
 * first of two requests pays (or leaves warm) for the second then weighs on both sides alike, as
 * does any drift of the machine's speed over the run. Returns { in, out }: ms, pair by pair.
 */
export async function timePairs(url, posts, { seed }) {
  const rng = random(seed);
  const times = { in: [], out: [] };
  for (const pair of posts) {
    for (const side of rng.next() < 0.5 ? ["in", "out"] : ["out", "in"]) times[side].push(await timedPost(url, pair[side]));
  }
  return times;
}
