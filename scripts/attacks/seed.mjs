// The attack's world, seeded with plain SQL into an empty, migrated database. Per pair of samples: a
// victim with an active plan, and two attackers, each a mutual close friend of the victim who was
// already matched with them for that activity an hour ago, so the pair cooldown keeps any new match
// from being written. One attacker posts from the victim's own cell (in range), the other from a
// cell ~300 km away (out of range). Every attacker is a fresh account that posts once: the per-user
// post limit (20 an hour) and the travel check never come into play, only the matcher differs.
import { randomUUID } from "node:crypto";
import { latLngToCell } from "h3-js";
import { random } from "../bench/random.mjs";

export const ACTIVITY = "surfing";
export const TRAVEL_KM = 10;
const HOUR = 3600_000;
const FAR_KM = 300;
// Coastal spots (lat, lng) the victims' areas are spread over, so not every plan shares one cell.
const SPOTS = [
  [38.7, -9.42],
  [43.48, -1.56],
  [50.42, -5.08],
  [36.53, -6.3],
  [-33.89, 151.27],
  [34.03, -118.78],
];

/** A point within ~`km` of (lat, lng), roughly uniform over the square around it. */
function jitter(rng, [lat, lng], km) {
  const degrees = km / 111;
  return [lat + (rng.next() * 2 - 1) * degrees, lng + ((rng.next() * 2 - 1) * degrees) / Math.cos((lat * Math.PI) / 180)];
}

/** Whether the migrations applied have a column `table.column` (the schema changes over time). */
async function hasColumn(client, table, column) {
  const { rowCount } = await client.query(
    "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name = $2",
    [table, column],
  );
  return rowCount > 0;
}

/**
 * Seeds `count` pairs. Returns, per pair, the victim and both attackers with the cell each posts
 * from; how many matches rows were seeded (the count must be the same after the run); and whether
 * the schema has plans' `area_counted`.
 */
export async function seedPairs(client, count, { seed = 7, now = new Date() } = {}) {
  const rng = random(seed);
  const pairs = Array.from({ length: count }, () => {
    const [lat, lng] = jitter(rng, rng.pick(SPOTS), 20);
    const cell = latLngToCell(lat, lng, 7);
    return {
      victim: randomUUID(),
      plan: randomUUID(),
      cell,
      in: { userId: randomUUID(), cell },
      // Due north: far outside a 10 km radius (and either side's slack) anywhere off the poles.
      out: { userId: randomUUID(), cell: latLngToCell(lat + FAR_KM / 111, lng, 7) },
    };
  });

  const users = pairs.flatMap((pair) => [pair.victim, pair.in.userId, pair.out.userId]);
  // One statement per table, columns as arrays: a few thousand rows each, well within one query.
  await client.query(
    `INSERT INTO users (id, email, handle, display_name, password_hash, time_zone)
     SELECT id, 'a' || n || '@attacks.invalid', 'a' || n, 'Attacks user ' || n, '!', 'UTC'
     FROM unnest($1::uuid[], $2::int[]) AS u(id, n)`,
    [users, users.map((_, index) => index)],
  );

  const links = pairs.flatMap((pair) =>
    [pair.in.userId, pair.out.userId].flatMap((attacker) => [
      [pair.victim, attacker],
      [attacker, pair.victim],
    ]),
  );
  await client.query(`INSERT INTO friendships (owner_id, friend_id, close) SELECT o, f, true FROM unnest($1::uuid[], $2::uuid[]) AS l(o, f)`, [
    links.map(([owner]) => owner),
    links.map(([, friend]) => friend),
  ]);

  // Under way since 10 minutes, for 3 hours: a "now" post overlaps it by the whole of its 2 hours.
  // matched_at is set so the safety net would leave these alone even if background jobs ran.
  const startsAt = new Date(now.getTime() - 10 * 60_000);
  const endsAt = new Date(now.getTime() + 3 * HOUR);
  await client.query(
    `INSERT INTO plans (id, user_id, activity, starts_at, ends_at, cell, travel_km, audience, created_at, matched_at)
     SELECT id, user_id, $4::text, $5::timestamptz, $6::timestamptz, cell, $7::int, 'friends'::"Audience", $5::timestamptz, $5::timestamptz
     FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS i(id, user_id, cell)`,
    [pairs.map((pair) => pair.plan), pairs.map((pair) => pair.victim), pairs.map((pair) => pair.cell), ACTIVITY, startsAt, endsAt, TRAVEL_KM],
  );
  // Once plans must have their area counted to take part in matching, the victims' plans are: the
  // attack is on the matcher, not on the area budget.
  const areaCounted = await hasColumn(client, "plans", "area_counted");
  if (areaCounted) {
    await client.query("UPDATE plans SET area_counted = true WHERE id = ANY($1::uuid[])", [pairs.map((pair) => pair.plan)]);
  }

  // The pair's earlier match, stored lower user id first (uuid order is the lower-case text's order).
  const matched = pairs.flatMap((pair) => [pair.in.userId, pair.out.userId].map((attacker) => [pair.victim, attacker].sort()));
  const matchedAt = new Date(now.getTime() - HOUR);
  await client.query(
    `INSERT INTO matches (id, user_low_id, user_high_id, activity, created_at)
     SELECT gen_random_uuid(), low, high, $3::text, $4::timestamptz FROM unnest($1::uuid[], $2::uuid[]) AS m(low, high)`,
    [matched.map(([low]) => low), matched.map(([, high]) => high), ACTIVITY, matchedAt],
  );
  await client.query("ANALYZE");
  return { pairs, matches: matched.length, areaCounted };
}
