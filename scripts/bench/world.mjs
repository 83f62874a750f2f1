// The synthetic world the bench measures: users in real cities, a friendship graph that is mostly
// local (about 20 friends each, some marked close), and active plans near home — written with
// multi-row INSERTs from arrays (one round trip per 10,000 rows), deterministic for a given seed.
import { createHash } from "node:crypto";
import { gridDisk, latLngToCell } from "h3-js";
import { random } from "./random.mjs";

// Cities with a rough weight (metro population, millions): plans cluster where people live.
const CITIES = [
  ["London", 51.507, -0.128, 9.5], ["Paris", 48.857, 2.352, 11], ["Berlin", 52.52, 13.405, 4.5],
  ["Madrid", 40.417, -3.704, 6.7], ["Lisbon", 38.722, -9.139, 2.9], ["Amsterdam", 52.37, 4.895, 2.5],
  ["Barcelona", 41.385, 2.173, 5.6], ["Rome", 41.903, 12.496, 4.3], ["Vienna", 48.208, 16.373, 2.9],
  ["Copenhagen", 55.676, 12.568, 2.1], ["Stockholm", 59.329, 18.069, 2.4], ["Dublin", 53.35, -6.26, 2],
  ["New York", 40.713, -74.006, 19], ["Los Angeles", 34.052, -118.244, 13], ["San Francisco", 37.775, -122.419, 4.7],
  ["Chicago", 41.878, -87.63, 9.4], ["Toronto", 43.653, -79.383, 6.4], ["Mexico City", 19.433, -99.133, 21],
  ["São Paulo", -23.55, -46.633, 22], ["Buenos Aires", -34.604, -58.382, 15], ["Cape Town", -33.925, 18.424, 4.8],
  ["Lagos", 6.524, 3.379, 15], ["Nairobi", -1.292, 36.822, 5], ["Mumbai", 19.076, 72.878, 21],
  ["Bangalore", 12.972, 77.595, 13], ["Singapore", 1.352, 103.82, 5.9], ["Tokyo", 35.676, 139.65, 37],
  ["Seoul", 37.567, 126.978, 10], ["Sydney", -33.869, 151.209, 5.3], ["Melbourne", -37.814, 144.963, 5.1],
];

// Activities by popularity: a few common ones make most of the overlap, as in real life.
const ACTIVITIES = [
  ["running", 18], ["coffee", 16], ["climbing", 10], ["tennis", 10], ["cycling", 9],
  ["surfing", 8], ["hiking", 8], ["yoga", 7], ["swimming", 7], ["board games", 7],
];

export const pickActivity = (rng) => weighted(rng, ACTIVITIES)[0];

export const SCALES = {
  full: { users: 100_000, friendships: 1_000_000, activePlans: 20_000, expiredPlans: 1_000_000, connections: 10_000 },
  quick: { users: 10_000, friendships: 100_000, activePlans: 2_000, expiredPlans: 100_000, connections: 2_000 },
};

const CHUNK = 10_000;
export const LOCAL_FRIENDS = 0.85;
export const CLOSE_SHARE = 0.25;

function weighted(rng, table) {
  const total = table.reduce((sum, row) => sum + row.at(-1), 0);
  let pick = rng.next() * total;
  for (const row of table) if ((pick -= row.at(-1)) < 0) return row;
  return table.at(-1);
}

/** A point within `km` of (lat, lng), uniform over the disc. */
function near(rng, lat, lng, km) {
  const distance = km * Math.sqrt(rng.next());
  const angle = rng.next() * 2 * Math.PI;
  return [lat + (distance / 111) * Math.cos(angle), lng + (distance / (111 * Math.cos((lat * Math.PI) / 180))) * Math.sin(angle)];
}

export const userId = (index) => uuidOf(`user:${index}`);

// Deterministic ids: md5 of a name, formatted as a uuid.
function uuidOf(text) {
  const hex = createHash("md5").update(text).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Runs `sql` (parameters: one array per column) over the rows in chunks of 10,000. */
export async function insertRows(client, sql, columns) {
  const length = columns[0].length;
  for (let start = 0; start < length; start += CHUNK) {
    await client.query(sql, columns.map((column) => column.slice(start, start + CHUNK)));
  }
}

/** Users `ids`, the nth with the handle `${prefix}${n}` (and an @bench.invalid email), no password. */
export async function insertUsers(client, ids, prefix = "u") {
  await insertRows(
    client,
    `INSERT INTO users (id, email, handle, display_name, password_hash, time_zone)
     SELECT id, handle || '@bench.invalid', handle, 'Bench user ' || handle, '!', 'UTC'
     FROM unnest($1::uuid[], $2::text[]) AS u(id, handle)`,
    [ids, ids.map((_, n) => `${prefix}${n}`)],
  );
}

/** Friendship rows (one direction each): `owners[i]` counts `friendIds[i]` as a friend, close or not. */
export async function insertFriendships(client, owners, friendIds, close) {
  await insertRows(
    client,
    `INSERT INTO friendships (owner_id, friend_id, close) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::boolean[])`,
    [owners, friendIds, close],
  );
}

/**
 * Seeds the world into an empty, migrated database. Returns what the measurements need to know
 * about it: each user's city and home cell, and the friendship lists (both directions, with `close`).
 */
export async function seedWorld(client, scale, { seed = 42, now = new Date(), log = console.log } = {}) {
  const rng = random(seed);
  const started = Date.now();
  await client.query("SET synchronous_commit = off");

  const homes = [];
  const byCity = CITIES.map(() => []);
  for (let index = 0; index < scale.users; index++) {
    const city = weighted(rng, CITIES);
    const cityIndex = CITIES.indexOf(city);
    const [lat, lng] = near(rng, city[1], city[2], 15);
    homes.push({ city: cityIndex, lat, lng, cell: latLngToCell(lat, lng, 7) });
    byCity[cityIndex].push(index);
  }
  const ids = homes.map((_, index) => userId(index));
  await insertUsers(client, ids);
  log(`  users: ${scale.users.toLocaleString("en")} in ${CITIES.length} cities`);

  // Friend pairs, mostly within a city; each direction is its own row with its own `close` mark.
  const pairs = new Set();
  const friends = homes.map(() => []);
  while (pairs.size < scale.friendships) {
    const a = rng.int(scale.users);
    const b = rng.next() < LOCAL_FRIENDS ? rng.pick(byCity[homes[a].city]) : rng.int(scale.users);
    if (a === b) continue;
    const key = a < b ? a * scale.users + b : b * scale.users + a;
    if (pairs.has(key)) continue;
    pairs.add(key);
    friends[a].push({ friend: b, close: rng.next() < CLOSE_SHARE });
    friends[b].push({ friend: a, close: rng.next() < CLOSE_SHARE });
  }
  const owners = [];
  const friendIds = [];
  const close = [];
  friends.forEach((list, owner) => {
    for (const entry of list) {
      owners.push(ids[owner]);
      friendIds.push(ids[entry.friend]);
      close.push(entry.close);
    }
  });
  await insertFriendships(client, owners, friendIds, close);
  log(`  friendships: ${scale.friendships.toLocaleString("en")} pairs (${owners.length.toLocaleString("en")} rows)`);

  // Active plans: some under way, most later today; already matched when they were posted.
  const posters = new Set();
  while (posters.size < scale.activePlans) posters.add(rng.int(scale.users));
  const plans = [...posters].map((user) => planNear(rng, ids[user], homes[user], now, { active: true }));
  await insertPlans(client, plans);
  log(`  active plans: ${plans.length.toLocaleString("en")}`);
  await client.query("ANALYZE");
  log(`  seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // `taken`: users some measurement already posts as (each phase takes fresh ones).
  return { ids, homes, friends, taken: new Set() };
}

/** A plan near `home`: active (under way or later today), or ended (for the retention sweep). */
export function planNear(rng, userId, home, now, { active, activity } = {}) {
  const cells = gridDisk(home.cell, 1);
  const cell = rng.pick(cells);
  const minutes = 60_000;
  const startsAt = active
    ? new Date(now.getTime() + (rng.next() < 0.3 ? -rng.int(60) : rng.int(8 * 60)) * minutes)
    : new Date(now.getTime() - (2 * 24 * 60 + rng.int(5 * 24 * 60)) * minutes);
  const endsAt = new Date(startsAt.getTime() + (60 + rng.int(120)) * minutes);
  const createdAt = active ? new Date(now.getTime() - (10 + rng.int(120)) * minutes) : new Date(startsAt.getTime() - 3600_000);
  return {
    id: uuidOf(`plan:${userId}:${createdAt.getTime()}:${rng.next()}`),
    userId,
    activity: activity ?? pickActivity(rng),
    startsAt,
    endsAt,
    cell,
    travelKm: rng.pick([2, 5, 10, 10, 25]),
    audience: rng.next() < 0.7 ? "friends" : "close",
    createdAt,
  };
}

export async function insertPlans(client, plans) {
  await insertRows(
    client,
    // area_counted: the seeded plans take part in matching, as plans posted within their owner's daily area budget do.
    `INSERT INTO plans (id, user_id, activity, starts_at, ends_at, cell, travel_km, audience, created_at, matched_at, area_counted)
     SELECT id, user_id, activity, starts_at, ends_at, cell, travel_km, audience::"Audience", created_at, created_at, true
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::text[], $7::int[], $8::text[], $9::timestamptz[])
       AS i(id, user_id, activity, starts_at, ends_at, cell, travel_km, audience, created_at)`,
    ["id", "userId", "activity", "startsAt", "endsAt", "cell", "travelKm", "audience", "createdAt"].map((key) => plans.map((plan) => plan[key])),
  );
}
