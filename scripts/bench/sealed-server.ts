// Sealed matching on the server, at the bench world's scale (run by scripts/bench/sealed.mjs through
// tsx, like tasks.ts; prints one line of JSON):
//   DATABASE_URL=… sealed-server.ts <samples.json>
// 1. A bench-only table of real tokens (lib/sealed's scheme) for every active plan and every friend
//    in its audience: what a sealed server would store (centre and minute tokens, never rings).
// 2. For each sampled new plan: the sealed equality match (one statement: the new plan's ring and
//    minute tokens for each friend against the rows stored for its owner) and today's candidate
//    query (the matcher's own statement, then its in-code overlap rule), timed in turn on one
//    connection; both must find the same plans, or the run stops.
import { createHash, createHmac, createPrivateKey, createPublicKey, diffieHellman, hkdfSync, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { env } from "@/lib/env";
import { plansOverlap, type MatchablePlan } from "@/lib/matching";
import { CANDIDATES, candidateArgs } from "@/lib/server/plans/matcher";
import { FIELD_SEPARATOR, isoMinute, pairKeys, planTokens, SEALED_SALT, startMinutes, TOKEN_BYTES } from "@/lib/sealed";
import { TRAVEL_KM } from "@/lib/validation/plan-limits";
import { summarize } from "./load.mjs";

type Plan = MatchablePlan & { id: string; userId: string; audience: "friends" | "close"; createdAt: Date };
type Friend = { friend: string; close: boolean };

const CHUNK = 2_000;
/** (plan, friend) pairs whose fast-path tokens are checked byte for byte against lib/sealed. */
const CHECKED = 200;

// Every user's key pair, deterministic for the bench: the secret is a hash of the user id.
const secretOf = (id: string) => createHash("sha256").update(`overlap bench key|${id}`).digest();
// X25519 in node:crypto from the raw secret, imported as a JWK: OpenSSL 3's DER decoder takes about
// 0.9 ms a key here, a JWK 0.05 ms. Node needs an `x` in a private JWK but derives the public key
// from `d` itself (checked against lib/sealed below).
const NO_X = Buffer.alloc(32).toString("base64url");
const keyObjects = new Map<string, { privateKey: KeyObject; publicKey: KeyObject; raw: Buffer }>();
function keysOf(id: string) {
  let keys = keyObjects.get(id);
  if (!keys) {
    const privateKey = createPrivateKey({ key: { kty: "OKP", crv: "X25519", d: secretOf(id).toString("base64url"), x: NO_X }, format: "jwk" });
    const publicKey = createPublicKey(privateKey);
    keys = { privateKey, publicKey, raw: Buffer.from(publicKey.export({ format: "jwk" }).x!, "base64url") };
    keyObjects.set(id, keys);
  }
  return keys;
}
const publicOf = (id: string) => keysOf(id).raw;

const hkdf32 = (ikm: Uint8Array, info: string) => Buffer.from(hkdfSync("sha256", ikm, SEALED_SALT, info, 32));

/**
 * The pair's token key as lib/sealed's pairKeys derives it, with node:crypto's native X25519, HKDF
 * and HMAC: noble's pure-JS X25519 takes about 1.2 ms a pair here, minutes for the full world's
 * pairs. Checked against pairKeys and planTokens on the first CHECKED pairs (the run stops on a difference).
 */
function fastTokenKey(myId: string, theirId: string): Buffer {
  const shared = diffieHellman({ privateKey: keysOf(myId).privateKey, publicKey: keysOf(theirId).publicKey });
  const [smaller, larger] = myId < theirId ? [myId, theirId] : [theirId, myId];
  const info = `pair|${smaller}|${larger}|${publicOf(smaller).toString("hex")}|${publicOf(larger).toString("hex")}`;
  return hkdf32(hkdf32(shared, info), "tokens");
}

const token = (key: Buffer, ...fields: string[]) => createHmac("sha256", key).update(fields.join(FIELD_SEPARATOR)).digest().subarray(0, TOKEN_BYTES);
const sorted = (tokens: Buffer[]) => tokens.sort(Buffer.compare);

/** What the server stores for one plan and one friend: its centre and minute tokens, sorted as lib/sealed sorts them. */
function storedTokens(key: Buffer, plan: Plan) {
  const starts = startMinutes(plan.startsAt, plan.endsAt, plan.createdAt);
  // One centre token per radius class and UTC date among the start minutes.
  const days = [...new Set(starts.map((m) => isoMinute(m).slice(0, 10)))];
  const classes = TRAVEL_KM.filter((r) => r <= plan.travelKm);
  const centre = days.flatMap((day) => classes.map((r) => token(key, "centre", plan.activity, day, String(r), plan.cell)));
  const minutes = starts.map((m) => token(key, "minute", plan.activity, isoMinute(m)));
  return { centre: sorted(centre), minutes: sorted(minutes) };
}

const hex = (tokens: Uint8Array[]) => tokens.map((t) => Buffer.from(t).toString("hex"));
/** A bytea[] (or, for a list of lists of the same length, bytea[][]) literal. */
const byteaArray = (tokens: Uint8Array[]) => `{${tokens.map((t) => `"\\\\x${Buffer.from(t).toString("hex")}"`).join(",")}}`;

const spread = (values: number[]) => {
  const { p50, p95, p99 } = summarize(values);
  return { p50, p95, p99, mean: values.reduce((a, b) => a + b, 0) / values.length };
};

async function friendsOf(client: pg.Client, owners: string[]): Promise<Map<string, Friend[]>> {
  const { rows } = await client.query<{ owner_id: string; friend_id: string; close: boolean }>(
    "SELECT owner_id, friend_id, close FROM friendships WHERE owner_id = ANY($1::uuid[])",
    [owners],
  );
  const byOwner = new Map<string, Friend[]>();
  for (const row of rows) {
    const list = byOwner.get(row.owner_id) ?? [];
    list.push({ friend: row.friend_id, close: row.close });
    byOwner.set(row.owner_id, list);
  }
  return byOwner;
}

/** The friends a plan's audience admits (the candidate query's `audience = 'friends' OR close`). */
const audienceOf = (plan: Plan, friends: Map<string, Friend[]>) =>
  (friends.get(plan.userId) ?? []).filter((f) => plan.audience === "friends" || f.close).map((f) => f.friend);

async function seedTokens(client: pg.Client, now: Date) {
  const started = performance.now();
  await client.query("DROP TABLE IF EXISTS sealed_tokens");
  // Bench only, in the throwaway database: not a migration.
  await client.query(`CREATE TABLE sealed_tokens (plan_id uuid NOT NULL, owner_id uuid NOT NULL, for_user_id uuid NOT NULL, centre bytea[] NOT NULL, minutes bytea[] NOT NULL)`);
  const { rows } = await client.query<Plan>(
    `SELECT id, user_id AS "userId", activity, starts_at AS "startsAt", ends_at AS "endsAt", cell, travel_km AS "travelKm", audience, created_at AS "createdAt"
     FROM plans WHERE ends_at > $1`,
    [now],
  );
  const friends = await friendsOf(client, [...new Set(rows.map((p) => p.userId))]);
  let checked = 0;
  let count = 0;
  let tokens = 0;
  let computeMs = 0;
  let pending: Promise<unknown> = Promise.resolve();
  let batch: { plan: string[]; owner: string[]; forUser: string[]; centre: string[]; minutes: string[] } = { plan: [], owner: [], forUser: [], centre: [], minutes: [] };
  const flush = async () => {
    const columns = [batch.plan, batch.owner, batch.forUser, batch.centre, batch.minutes];
    batch = { plan: [], owner: [], forUser: [], centre: [], minutes: [] };
    await pending;
    // Sent while the next chunk is computed: Postgres writes on the other core.
    pending = client.query(
      `INSERT INTO sealed_tokens (plan_id, owner_id, for_user_id, centre, minutes)
       SELECT plan_id, owner_id, for_user_id, centre::bytea[], minutes::bytea[]
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[]) AS t(plan_id, owner_id, for_user_id, centre, minutes)`,
      columns,
    );
  };
  for (const plan of rows) {
    const computeStarted = performance.now();
    for (const friend of audienceOf(plan, friends)) {
      const key = fastTokenKey(plan.userId, friend);
      const stored = storedTokens(key, plan);
      if (checked < CHECKED) {
        // The stored tokens must be lib/sealed's own, byte for byte: pair key and tokens from the library.
        const keys = pairKeys(secretOf(plan.userId), publicOf(friend), plan.userId, friend);
        const real = planTokens(keys.tokenKey, plan, plan.createdAt);
        if (Buffer.compare(Buffer.from(keys.tokenKey), key) !== 0 || hex(real.centre).join() !== hex(stored.centre).join() || hex(real.minutes).join() !== hex(stored.minutes).join()) {
          throw new Error(`bench tokens differ from lib/sealed's for plan ${plan.id} and friend ${friend}`);
        }
        checked++;
      }
      batch.plan.push(plan.id);
      batch.owner.push(plan.userId);
      batch.forUser.push(friend);
      batch.centre.push(byteaArray(stored.centre));
      batch.minutes.push(byteaArray(stored.minutes));
      tokens += stored.centre.length + stored.minutes.length;
      count++;
    }
    computeMs += performance.now() - computeStarted;
    if (batch.plan.length >= CHUNK) await flush();
  }
  if (batch.plan.length) await flush();
  await pending;
  const loadedMs = performance.now() - started;
  const indexStarted = performance.now();
  // The match reads the few rows stored *for* the new plan's owner (about 4 at full scale: ~20
  // friends, a fifth with an active plan): a btree on for_user_id finds them, and the token overlap
  // is then checked on those rows only. A GIN on centre would instead be probed with every ring
  // token of every friend (hundreds each), and tokens are unique per pair anyway.
  await client.query("CREATE INDEX sealed_tokens_for_user_idx ON sealed_tokens (for_user_id)");
  await client.query("ANALYZE sealed_tokens");
  const indexMs = performance.now() - indexStarted;
  const { rows: sizes } = await client.query(
    `SELECT pg_total_relation_size('sealed_tokens') AS total, pg_relation_size('sealed_tokens') AS heap,
            pg_indexes_size('sealed_tokens') AS indexes, pg_total_relation_size('sealed_tokens') - pg_relation_size('sealed_tokens') - pg_indexes_size('sealed_tokens') AS toast`,
  );
  return {
    plans: rows.length,
    rows: count,
    tokens,
    checked,
    seconds: (performance.now() - started) / 1000,
    computeSeconds: computeMs / 1000,
    loadSeconds: loadedMs / 1000,
    indexSeconds: indexMs / 1000,
    bytes: Object.fromEntries(Object.entries(sizes[0]).map(([k, v]) => [k, Number(v)])),
  };
}

// One statement: for each friend (ordinal n), the rows that friend stored for the poster whose centre
// tokens meet the friend's slice of the ring and whose minute tokens meet the friend's minutes.
// Every friend's list has the same length for one plan, so the lists travel as bytea[][] and each
// friend's is the slice [n:n][:] (`&&` compares elements, whatever the dimensions).
const SEALED_MATCH = {
  name: "sealed_match",
  text: `SELECT s.plan_id
         FROM unnest($2::uuid[]) WITH ORDINALITY AS f(owner_id, n)
         JOIN sealed_tokens s ON s.for_user_id = $1 AND s.owner_id = f.owner_id
         WHERE s.centre && ($3::bytea[])[f.n:f.n][:] AND s.minutes && ($4::bytea[])[f.n:f.n][:]`,
};

/** The sealed statement's values: the poster, its audience, and each friend's ring and minute tokens. */
const matchValues = (poster: string, audience: string[], tokens: { ring: Uint8Array[]; minutes: Uint8Array[] }[]) =>
  [poster, audience, `{${tokens.map((t) => byteaArray(t.ring)).join(",")}}`, `{${tokens.map((t) => byteaArray(t.minutes)).join(",")}}`] as const;

function sealedValues(plan: Plan, audience: string[], now: Date) {
  const tokens = audience.map((friend) => planTokens(pairKeys(secretOf(plan.userId), publicOf(friend), plan.userId, friend).tokenKey, plan, now));
  return [...matchValues(plan.userId, audience, tokens)];
}

async function matchSamples(client: pg.Client, samples: Plan[], now: Date) {
  const friends = await friendsOf(client, [...new Set(samples.map((p) => p.userId))]);
  const sealedMs: number[] = [];
  const candidateMs: number[] = [];
  const tokensMs: number[] = [];
  const keysMs: number[] = [];
  const paramKb: number[] = [];
  const ringTokens: number[] = [];
  let agreed = 0;
  let matched = 0;
  let matches = 0;
  let candidates = 0;
  const timed = async (times: number[] | null, query: pg.QueryConfig) => {
    const started = performance.now();
    const { rows } = await client.query<{ id?: string; plan_id?: string } & Record<string, unknown>>(query);
    if (times) times.push(performance.now() - started);
    return rows;
  };
  // The first plans warm up both statements and the caches, untimed.
  const warmUp = Math.min(10, samples.length);
  for (const [index, plan] of [...samples.slice(0, warmUp), ...samples].entries()) {
    const measured = index >= warmUp;
    const audience = audienceOf(plan, friends);
    const started = performance.now();
    // The poster's client: pair keys (it would keep them), then this plan's tokens for each friend.
    const keys = audience.map((friend) => pairKeys(secretOf(plan.userId), publicOf(friend), plan.userId, friend).tokenKey);
    const keyed = performance.now();
    const tokens = keys.map((key) => planTokens(key, plan, now));
    if (measured) {
      keysMs.push(keyed - started);
      tokensMs.push(performance.now() - keyed);
    }
    const values = matchValues(plan.userId, audience, tokens);
    if (measured) {
      paramKb.push((values[2].length + values[3].length) / 1024);
      ringTokens.push(tokens.reduce((sum, t) => sum + t.ring.length, 0));
    }
    // Taken in turn, so a drift of the machine's speed weighs on both alike.
    const sealed = await timed(measured ? sealedMs : null, { ...SEALED_MATCH, values: [...values] });
    const found = await timed(measured ? candidateMs : null, { name: CANDIDATES.name, text: CANDIDATES.text, values: candidateArgs(plan, now) });
    if (!measured) continue;
    candidates += found.length;
    // The matcher's in-code rule (areaCounted is true for every plan of the bench world).
    const plain = found.filter((other) => plansOverlap(plan, other as unknown as MatchablePlan, now)).map((row) => row.id as string).sort();
    const sealedIds = sealed.map((row) => row.plan_id as string).sort();
    if (plain.join() !== sealedIds.join()) {
      throw new Error(`sealed and plain matching disagree for new plan ${JSON.stringify(plan)}: plain ${plain.join(", ") || "none"}, sealed ${sealedIds.join(", ") || "none"}`);
    }
    agreed++;
    if (plain.length) matched++;
    matches += plain.length;
  }
  // The plan of the sealed statement for the most connected sampled poster.
  const busiest = [...samples].sort((a, b) => audienceOf(b, friends).length - audienceOf(a, friends).length)[0]!;
  const { rows: explain } = await client.query(`EXPLAIN (ANALYZE, COSTS OFF) ${SEALED_MATCH.text}`, sealedValues(busiest, audienceOf(busiest, friends), now));
  return {
    samples: samples.length,
    agreed,
    matched,
    matches,
    candidates,
    sealedMs: spread(sealedMs),
    candidateMs: spread(candidateMs),
    clientTokensMs: spread(tokensMs),
    clientKeysMs: spread(keysMs),
    paramKb: spread(paramKb),
    ringTokens: spread(ringTokens),
    friends: spread(samples.map((plan) => audienceOf(plan, friends).length)),
    // The tokens are inlined as constants in the plan's text: elided.
    sealedPlan: explain.map((row) => String(row["QUERY PLAN"]).replace(/'\{[^']*\}'::bytea\[\]/g, "'{…}'::bytea[]")).join("\n"),
  };
}

const [samplesFile] = process.argv.slice(2);
const input = JSON.parse(readFileSync(samplesFile!, "utf8")) as { now: string; samples: (Omit<Plan, "startsAt" | "endsAt" | "createdAt"> & { startsAt: string; endsAt: string })[] };
const now = new Date(input.now);
const samples: Plan[] = input.samples.map((p) => ({ ...p, startsAt: new Date(p.startsAt), endsAt: new Date(p.endsAt), createdAt: now }));
// Its own connection, not the app's pool: the seeding's statements outlast the app's statement timeout.
const client = new pg.Client({ connectionString: env().DATABASE_URL });
await client.connect();
await client.query("SET synchronous_commit = off");
const seeding = await seedTokens(client, now);
const matching = await matchSamples(client, samples, now);
console.log(JSON.stringify({ seeding, matching }));
await client.end();
