import "server-only";
import type { Audience } from "@/generated/prisma/enums";
import { plansOverlap, type MatchablePlan } from "@/lib/matching";
import { AREA_WINDOW_MS, AREAS_PER_DAY } from "./area-budget";
import { notify } from "../live/notifications";
import { pairLockKey } from "../social/relationships";
import { lock, sql, statement, transaction, UNIQUE_VIOLATION, type Args } from "../sql";

// The matcher: for one plan, find friends' plans that overlap in activity, time and place, where
// each side's audience admits the other, nobody is blocked or paused, and both are still active —
// then create each match exactly once, with both notifications and both disclosure-ledger rows, in
// one transaction per pair.

/** The same two people are told about the same activity at most once in this long. */
export const PAIR_COOLDOWN_MS = 6 * 60 * 60 * 1000;

/** A plan as the matcher reads it; `areaCounted`: its area fit its owner's daily budget (area-budget.ts). */
type Row = MatchablePlan & { id: string; userId: string; areaCounted: boolean };

/** What every statement that reads a plan's matchable part declares (the aliases its SELECTs give). */
export const PLAN_COLUMNS = { id: "uuid", activity: "text", startsAt: "timestamptz", endsAt: "timestamptz", cell: "text", travelKm: "int4" } as const;

// Friends both ways, each audience admitting the other, no block either way, owner not paused or
// disabled, same activity, windows meeting at all (the 15-minute, distance and area-budget rules are
// applied in code: lib/matching.ts). Everything that decides *who* may see whom is in this one query,
// and nothing in it depends on where anyone is.
// Exported for the bench (scripts/bench), which runs and EXPLAINs this very query.
export const CANDIDATES = statement(
  `SELECT i.id, i.user_id AS "userId", i.activity, i.starts_at AS "startsAt", i.ends_at AS "endsAt",
          i.cell, i.travel_km AS "travelKm", i.area_counted AS "areaCounted"
   FROM plans i
   JOIN friendships mine   ON mine.owner_id = $1 AND mine.friend_id = i.user_id
   JOIN friendships theirs ON theirs.owner_id = i.user_id AND theirs.friend_id = $1
   JOIN users u ON u.id = i.user_id
   WHERE i.activity = $2
     AND i.user_id <> $1
     AND i.ends_at > $3
     AND i.starts_at < $4
     AND i.ends_at > $5
     AND ($6 = 'friends' OR mine.close)
     AND (i.audience = 'friends' OR theirs.close)
     AND u.disabled_at IS NULL
     AND (u.paused_until IS NULL OR u.paused_until <= $3)
     AND NOT EXISTS (
       SELECT 1 FROM blocks b
       WHERE (b.blocker_id = $1 AND b.blocked_id = i.user_id)
          OR (b.blocker_id = i.user_id AND b.blocked_id = $1))`,
  ["uuid", "text", "timestamptz", "timestamptz", "timestamptz", "text"],
  { ...PLAN_COLUMNS, userId: "uuid", areaCounted: "bool" },
);

/** The candidate query's values for `plan` at `now`. */
export function candidateArgs(plan: Pick<Loaded, "userId" | "activity" | "startsAt" | "endsAt" | "audience">, now: Date): Args<(typeof CANDIDATES)["params"]> {
  return [plan.userId, plan.activity, now, plan.endsAt, plan.startsAt, plan.audience];
}

/** A plan as the matcher needs it, with its owner's pause. */
export type Loaded = Row & { audience: Audience; pausedUntil: Date | null };

const LOAD = statement(
  `SELECT i.id, i.user_id AS "userId", i.activity, i.starts_at AS "startsAt", i.ends_at AS "endsAt", i.cell,
          i.travel_km AS "travelKm", i.audience, i.area_counted AS "areaCounted", u.paused_until AS "pausedUntil"
   FROM plans i JOIN users u ON u.id = i.user_id
   WHERE i.id = $1 AND i.ends_at > $2 AND u.disabled_at IS NULL`,
  ["uuid", "timestamptz"],
  { ...PLAN_COLUMNS, userId: "uuid", audience: "Audience", areaCounted: "bool", pausedUntil: "timestamptz?" },
);

/** Runs the matcher for one plan; returns how many matches it created. Safe to run again. */
export async function matchPlan(planId: string, now = new Date()): Promise<number> {
  const [plan] = await sql.rows(LOAD, [planId, now]);
  return plan ? matchLoaded(plan, now) : 0;
}

/**
 * `matchPlan` for a plan the caller has just written and already holds (posting a plan reads
 * its owner's pause and account state before the insert), so it is not read back.
 */
export async function matchLoaded(plan: Loaded, now: Date): Promise<number> {
  let created = 0;
  const paused = plan.pausedUntil !== null && plan.pausedUntil > now;
  if (!paused && plan.endsAt > now) {
    // Every candidate goes through the same transaction, whether or not it is within reach: the work
    // done — statements, locks, rows read — must not depend on where anyone is, or the time a post
    // takes would answer what the match withholds (docs/privacy-model.md, "Constant work").
    for (const other of await sql.rows(CANDIDATES, candidateArgs(plan, now))) {
      const inReach = plan.areaCounted && other.areaCounted && plansOverlap(plan, other, now);
      if (await createMatch(plan, other, now, inReach)) created++;
    }
  }
  // Paused plans are marked too: they are matched again when the pause ends (resumeSharing at
  // once; a pause that runs out by itself, by the safety net).
  await sql.run(MARK_MATCHED, [now, plan.id]);
  return created;
}

const MARK_MATCHED = statement("UPDATE plans SET matched_at = $1 WHERE id = $2 AND matched_at IS NULL", ["timestamptz", "uuid"]);

// Under the pair's lock, one statement checks and writes. `checks` works out every condition for
// every candidate alike (MATERIALIZED: computed in full before anything reads it, so a false
// `in_reach` — decided in code from the areas, radii and windows — cannot cut the work short): both
// plans still active (either may have been cancelled), still friends, neither blocked by the other,
// neither paused nor disabled (any of it may have changed since the candidate query), the same two not
// told about this activity within the cooldown, these two plans never matched before (plans can
// outlive the cooldown: an insert refused by the unique key would roll back and take its own time),
// and whether either owner's plans *for this activity* have used every area the day allows (what a
// prober does). Then, only if all hold, the match, what each side is told (the subject's activity
// and window, and "in your area" — and the plan's note only where its owner chose to show it to
// friends they match with; each telling written to the subject's ledger,
// and each side's row for answering (match_members),
// and returned for the notifications: notify() writes them, for every candidate alike, none when
// there is no match); and, whether in reach or not,
// a probe notice in the ledger of someone whose plan was checked against a friend's plans for the
// same activity from every area the day allows (at most one a day, naming nobody). The notice is
// itself an answer about the prober's plans, to whoever receives it: tying it to one activity
// // keeps it to people whose own plans look like probing (docs/privacy-model.md). When a check fails
// nothing is written and nobody is woken.
const MATCH = statement(
  `
  WITH checks AS MATERIALIZED (
    SELECT $13::boolean AS in_reach,
      (SELECT count(*) FROM plans WHERE id IN ($3, $4) AND ends_at > $6) = 2 AS active,
      EXISTS (SELECT 1 FROM friendships WHERE owner_id = $1 AND friend_id = $2) AS friends,
      NOT EXISTS (SELECT 1 FROM blocks WHERE (blocker_id = $1 AND blocked_id = $2) OR (blocker_id = $2 AND blocked_id = $1)) AS unblocked,
      NOT EXISTS (SELECT 1 FROM users WHERE id IN ($1, $2) AND (disabled_at IS NOT NULL OR paused_until > $6)) AS sharing,
      NOT EXISTS (SELECT 1 FROM matches WHERE user_low_id = $1 AND user_high_id = $2 AND activity = $5 AND created_at > $7) AS not_told,
      NOT EXISTS (SELECT 1 FROM matches WHERE plan_low_id = $3 AND plan_high_id = $4) AS new_pair,
      (SELECT count(*) FROM area_uses WHERE user_id = $1 AND last_used_at > $14 AND $5 = ANY(activities)) >= $15 AS low_probing,
      (SELECT count(*) FROM area_uses WHERE user_id = $2 AND last_used_at > $14 AND $5 = ANY(activities)) >= $15 AS high_probing),
  ok AS (SELECT 1 FROM checks WHERE in_reach AND active AND friends AND unblocked AND sharing AND not_told AND new_pair),
  matched AS (
    INSERT INTO matches (id, user_low_id, user_high_id, plan_low_id, plan_high_id, activity, starts_at, ends_at)
    SELECT gen_random_uuid(), $1, $2, $3, $4, $5, greatest($8::timestamptz, $11::timestamptz), least($9::timestamptz, $12::timestamptz) FROM ok RETURNING id, ends_at),
  sides AS (
    INSERT INTO match_members (match_id, user_id, plan_id, ends_at)
    SELECT matched.id, t.user_id, t.plan_id, matched.ends_at FROM matched, (VALUES ($1::uuid, $3::uuid), ($2::uuid, $4::uuid)) AS t(user_id, plan_id)),
  told AS (
    INSERT INTO disclosures (id, subject_id, recipient_id, match_id, activity, starts_at, ends_at, note)
    SELECT gen_random_uuid(), t.subject, t.recipient, matched.id, t.activity, t.starts_at, t.ends_at,
           (SELECT p.note FROM plans p WHERE p.id = t.plan AND p.share_note)
    FROM matched, (VALUES ($1::uuid, $2::uuid, $5::text, $8::timestamptz, $9::timestamptz, $3::uuid),
                          ($2::uuid, $1::uuid, $10::text, $11::timestamptz, $12::timestamptz, $4::uuid)) AS t(subject, recipient, activity, starts_at, ends_at, plan)
    RETURNING id, subject_id, recipient_id, match_id),
  noticed AS (
    INSERT INTO probe_notices (id, user_id, activity, created_at)
    SELECT gen_random_uuid(), t.subject, t.activity, $6 FROM checks
    CROSS JOIN LATERAL (VALUES ($2::uuid, $10::text, checks.low_probing), ($1::uuid, $5::text, checks.high_probing)) AS t(subject, activity, asker_probing)
    WHERE t.asker_probing AND checks.active AND checks.friends AND checks.unblocked AND checks.sharing
      AND NOT EXISTS (SELECT 1 FROM probe_notices p WHERE p.user_id = t.subject AND p.created_at > $14))
  SELECT id AS "disclosureId", subject_id AS "subjectId", recipient_id AS "recipientId", match_id AS "matchId" FROM told`,
  [
    "uuid",
    "uuid",
    "uuid",
    "uuid",
    "text",
    "timestamptz",
    "timestamptz",
    "timestamptz",
    "timestamptz",
    "text",
    "timestamptz",
    "timestamptz",
    "bool",
    "timestamptz",
    "int8",
  ],
  { disclosureId: "uuid", subjectId: "uuid", recipientId: "uuid", matchId: "uuid?" },
);

async function createMatch(a: Row, b: Row, now: Date, inReach: boolean): Promise<boolean> {
  const [low, high] = a.userId < b.userId ? [a, b] : [b, a];
  try {
    return await transaction(async (tx) => {
      await lock(tx, pairLockKey(low.userId, high.userId));
      const told = await tx.rows(MATCH, [
        low.userId,
        high.userId,
        low.id,
        high.id,
        low.activity,
        now,
        new Date(now.getTime() - PAIR_COOLDOWN_MS),
        low.startsAt,
        low.endsAt,
        high.activity,
        high.startsAt,
        high.endsAt,
        inReach,
        new Date(now.getTime() - AREA_WINDOW_MS),
        AREAS_PER_DAY,
      ]);
      // Both inboxes are locked for every candidate alike, told or not (lib/server/live/notifications.ts).
      const notices = told.map((row) => ({
        userId: row.recipientId,
        type: "match" as const,
        actorId: row.subjectId,
        disclosureId: row.disclosureId,
        matchId: row.matchId,
      }));
      await notify(tx, notices, [low.userId, high.userId]);
      return told.length > 0;
    });
  } catch (error) {
    // The twin of a match another run created at the same moment (unique plan pair): nothing to do.
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) return false;
    throw error;
  }
}

/**
 * Runs the matcher again for each of the owner's active plans: sharing is back on (a pause ended by
 * hand), and friends' plans posted meanwhile found nobody to match.
 */
const ACTIVE_PLANS = statement("SELECT id FROM plans WHERE user_id = $1 AND ends_at > $2 ORDER BY starts_at", ["uuid", "timestamptz"], { id: "uuid" });

export async function matchActivePlansOf(userId: string, now = new Date()): Promise<number> {
  const active = await sql.rows(ACTIVE_PLANS, [userId, now]);
  let created = 0;
  for (const { id } of active) created += await matchPlan(id, now);
  return created;
}

export const SAFETY_NET_DELAY_MS = 10_000;
export const SAFETY_NET_BATCH = 100;
/** How long one run pages through never-matched plans before leaving the rest to the next. */
export const SAFETY_NET_RUN_BUDGET_MS = 20_000;
/** A pause that ran out within this long is looked at by each safety-net run (several runs: idempotent). */
export const PAUSE_ENDED_WITHIN_MS = 2 * 60_000;

const NEVER_MATCHED = statement(
  `SELECT id, created_at AS "createdAt" FROM plans
   WHERE matched_at IS NULL AND ends_at > $1 AND created_at < $2 AND (created_at, id) > ($3, $4::uuid)
   ORDER BY created_at, id LIMIT ${SAFETY_NET_BATCH}`,
  ["timestamptz", "timestamptz", "timestamptz", "uuid"],
  { id: "uuid", createdAt: "timestamptz" },
);

const PAUSE_ENDED = statement(
  `SELECT i.id, i.starts_at AS "startsAt" FROM users u JOIN plans i ON i.user_id = u.id
   WHERE u.paused_until > $1 AND u.paused_until <= $2 AND u.disabled_at IS NULL AND i.ends_at > $2
     AND (i.starts_at, i.id) > ($3, $4::uuid)
   ORDER BY i.starts_at, i.id LIMIT ${SAFETY_NET_BATCH}`,
  ["timestamptz", "timestamptz", "timestamptz", "uuid"],
  { id: "uuid", startsAt: "timestamptz" },
);

/**
 * Re-runs the matcher for active plans that were never matched (the process died between the
 * plan's commit and its matcher run), and for those whose owner's pause has just run out by
 * itself. One failure does not stop the batch.
 */
export async function runMatchSafetyNet(now = new Date()): Promise<{ matched: number; failed: number }> {
  const counts = { matched: 0, failed: 0 };
  const seen = new Set<string>();
  const run = async (ids: string[]) => {
    // A plan can be in both lists (never matched, and its owner's pause just ended): once is enough.
    for (const id of ids.filter((id) => !seen.has(id))) {
      seen.add(id);
      try {
        counts.matched += await matchPlan(id, now);
      } catch (error) {
        counts.failed++;
        console.error("Safety-net matching failed for a plan:", (error as Error).message);
      }
    }
  };
  // Every never-matched plan, page by page (after a crash mid-burst there can be hundreds), within
  // the run's time; a plan that fails is passed over (the next run tries it again).
  const deadline = performance.now() + SAFETY_NET_RUN_BUDGET_MS;
  for (let after = { createdAt: new Date(0), id: "00000000-0000-0000-0000-000000000000" }; performance.now() < deadline;) {
    const pending = await sql.rows(NEVER_MATCHED, [now, new Date(now.getTime() - SAFETY_NET_DELAY_MS), after.createdAt, after.id]);
    await run(pending.map((plan) => plan.id));
    if (pending.length < SAFETY_NET_BATCH) break;
    after = pending[pending.length - 1]!;
  }
  // Every plan of every pause that just ran out, page by page: nothing marks these done, so one
  // page each run would be the same page every run, and plans past it would never be matched.
  for (let after = { startsAt: new Date(0), id: "00000000-0000-0000-0000-000000000000" }; ;) {
    const page = await sql.rows(PAUSE_ENDED, [new Date(now.getTime() - PAUSE_ENDED_WITHIN_MS), now, after.startsAt, after.id]);
    await run(page.map((plan) => plan.id));
    if (page.length < SAFETY_NET_BATCH) break;
    after = page[page.length - 1]!;
  }
  return counts;
}
