import "server-only";
import type { Audience } from "@/generated/prisma/enums";
import { plansOverlap, type MatchablePlan } from "@/lib/matching";
import { AREA_WINDOW_MS, AREAS_PER_DAY } from "./area-budget";
import { inboxLockKeys, notify } from "../live/notifications";
import { IN_HUDDLE } from "../matches/access";
import { pairLockKey } from "../social/relationships";
import { FOREIGN_KEY_VIOLATION, lockInOrder, sql, statement, transaction, type Args } from "../sql";

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
  const paused = plan.pausedUntil !== null && plan.pausedUntil > now;
  const candidates = !paused && plan.endsAt > now ? await sql.rows(CANDIDATES, candidateArgs(plan, now)) : [];
  // Every candidate goes through the same statements, whether or not it is within reach: the work
  // done — statements, locks, rows read — must not depend on where anyone is, or the time a post
  // takes would answer what the match withholds (docs/privacy-model.md, "Constant work").
  const created = await createMatches(
    plan,
    candidates.map((other) => ({ other, inReach: plan.areaCounted && other.areaCounted && plansOverlap(plan, other, now) })),
    now,
  );
  // Marked after the matches' commit, outside their transaction: an edit of the plan holds its row
  // and then waits for pair locks, so taking the row under pair locks could deadlock with it. Paused
  // plans are marked too: they are matched again when the pause ends (resumeSharing at once; a pause
  // that runs out by itself, by the safety net).
  await sql.run(MARK_MATCHED, [now, plan.id]);
  return created;
}

const MARK_MATCHED = statement("UPDATE plans SET matched_at = $1 WHERE id = $2 AND matched_at IS NULL", ["timestamptz", "uuid"]);

// Under the pair's lock, one statement checks and writes, for each of one friend's candidate plans.
// `checks` works out every condition for every candidate alike (MATERIALIZED: computed in full
// before anything reads it, so a false `in_reach` — decided in code from the areas, radii and
// windows — cannot cut the work short): both plans still active (either may have been cancelled),
// still friends, neither blocked by the other, neither paused nor disabled (any of it may have
// changed since the candidate query), the same two not told about this activity within the cooldown,
// neither plan full ("at most N" people, its owner counted, reached by matches still in), neither
// plan already matched with the other person (once the cooldown is over, a friend could otherwise
// be in the same huddle twice), these
// two plans never matched before (plans can outlive the cooldown: an insert refused by the
// unique key would roll back and take its own time), and whether either owner's plans *for this
// activity* have used every area the day allows (what a prober does). A friend with several
// candidate plans is matched on the first that qualifies only (`ok`: once per pair and cooldown).
// Then, if one qualifies, the match, what each side is told (the subject's activity and
// window, and "in your area" — and the plan's note only where its owner chose to show it to friends
// they match with, and for a week of a standing plan its habit, "on Saturday mornings"; each telling
// written to the subject's ledger), each side's row for answering
// (match_members: no answer yet — one given to the rest of a huddle was given to them, not to the
// friend who just joined), and the tellings returned for the notifications (notify() writes them; none
// when nobody matched), each with whether its recipient's plan has the people its "at least N" waits
// for (until then the match is on their plan card and page, but nothing pings them); whether in
// reach or not, a probe notice in the ledger of someone whose plan was checked against a friend's plans
// for the same activity from every area the day allows (at most one a day, naming nobody). The notice
// is itself an answer about the prober's plans, to whoever receives it: tying it to one activity
// keeps it to people whose own plans look like probing (docs/privacy-model.md). When a check fails
// nothing is written and nobody is woken.
/** How many friends are in plan `g`'s huddle now: its matches where neither side is out. */
const FRIENDS_IN = (g: string) =>
  `(SELECT count(*) FROM match_members s JOIN match_members o ON o.match_id = s.match_id AND o.user_id <> s.user_id
    WHERE s.plan_id = ${g}.id AND s.user_id = ${g}.user_id AND s.out_at IS NULL AND o.out_at IS NULL)`;

const MATCH = statement(
  `
  WITH pairs AS (
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::timestamptz[], $6::timestamptz[],
                         $7::timestamptz[], $8::timestamptz[], $9::boolean[])
      WITH ORDINALITY AS t(low_id, high_id, low_plan, high_plan, low_starts, low_ends, high_starts, high_ends, in_reach, n)),
  checks AS MATERIALIZED (
    SELECT p.*,
      (SELECT count(*) FROM plans WHERE id IN (p.low_plan, p.high_plan) AND ends_at > $11) = 2 AS active,
      EXISTS (SELECT 1 FROM friendships WHERE owner_id = p.low_id AND friend_id = p.high_id) AS friends,
      NOT EXISTS (SELECT 1 FROM blocks WHERE (blocker_id = p.low_id AND blocked_id = p.high_id) OR (blocker_id = p.high_id AND blocked_id = p.low_id)) AS unblocked,
      NOT EXISTS (SELECT 1 FROM users WHERE id IN (p.low_id, p.high_id) AND (disabled_at IS NOT NULL OR paused_until > $11)) AS sharing,
      NOT EXISTS (SELECT 1 FROM matches WHERE user_low_id = p.low_id AND user_high_id = p.high_id AND activity = $10 AND created_at > $12) AS not_told,
      NOT EXISTS (SELECT 1 FROM matches WHERE plan_low_id = p.low_plan AND plan_high_id = p.high_plan) AS new_pair,
      (SELECT count(*) FROM area_uses WHERE user_id = p.low_id AND last_used_at > $13 AND $10 = ANY(activities)) >= $14 AS low_probing,
      (SELECT count(*) FROM area_uses WHERE user_id = p.high_id AND last_used_at > $13 AND $10 = ANY(activities)) >= $14 AS high_probing,
      NOT EXISTS (SELECT 1 FROM plans g WHERE g.id IN (p.low_plan, p.high_plan) AND ${FRIENDS_IN("g")} + 1 >= g.group_max) AS room,
      NOT (${IN_HUDDLE("p.low_plan", "p.high_id")} OR ${IN_HUDDLE("p.high_plan", "p.low_id")}) AS not_in_huddle
    FROM pairs p),
  ok AS (
    SELECT DISTINCT ON (low_id, high_id) * FROM checks
    WHERE in_reach AND active AND friends AND unblocked AND sharing AND not_told AND new_pair AND room AND not_in_huddle
    ORDER BY low_id, high_id, n),
  matched AS (
    INSERT INTO matches (id, user_low_id, user_high_id, plan_low_id, plan_high_id, activity, starts_at, ends_at)
    SELECT gen_random_uuid(), low_id, high_id, low_plan, high_plan, $10, greatest(low_starts, high_starts), least(low_ends, high_ends) FROM ok
    RETURNING id, plan_low_id, plan_high_id, ends_at),
  sides AS (
    INSERT INTO match_members (match_id, user_id, plan_id, ends_at)
    SELECT m.id, t.user_id, t.plan_id, m.ends_at
    FROM matched m JOIN ok ON ok.low_plan = m.plan_low_id AND ok.high_plan = m.plan_high_id,
         LATERAL (VALUES (ok.low_id, ok.low_plan), (ok.high_id, ok.high_plan)) AS t(user_id, plan_id)),
  told AS (
    INSERT INTO disclosures (id, subject_id, recipient_id, match_id, activity, starts_at, ends_at, note, usually)
    SELECT gen_random_uuid(), t.subject, t.recipient, m.id, $10, t.starts_at, t.ends_at, p.note, p.usually
    FROM matched m JOIN ok ON ok.low_plan = m.plan_low_id AND ok.high_plan = m.plan_high_id,
         LATERAL (VALUES (ok.low_id, ok.high_id, ok.low_starts, ok.low_ends, ok.low_plan),
                         (ok.high_id, ok.low_id, ok.high_starts, ok.high_ends, ok.high_plan)) AS t(subject, recipient, starts_at, ends_at, plan),
         LATERAL (SELECT CASE WHEN p.share_note THEN p.note END AS note, p.usually FROM plans p WHERE p.id = t.plan) p
    RETURNING id, subject_id, recipient_id, match_id),
  noticed AS (
    INSERT INTO probe_notices (id, user_id, activity, created_at)
    SELECT DISTINCT ON (t.subject) gen_random_uuid(), t.subject, $10, $11::timestamptz FROM checks c
    CROSS JOIN LATERAL (VALUES (c.high_id, c.low_probing), (c.low_id, c.high_probing)) AS t(subject, asker_probing)
    WHERE t.asker_probing AND c.active AND c.friends AND c.unblocked AND c.sharing
      AND NOT EXISTS (SELECT 1 FROM probe_notices p WHERE p.user_id = t.subject AND p.created_at > $13)
    ORDER BY t.subject)
  SELECT t.id AS "disclosureId", t.subject_id AS "subjectId", t.recipient_id AS "recipientId", t.match_id AS "matchId",
         -- "At least N": whether the recipient's plan has N people in now (this match's friend and its
         -- owner included: this statement's own rows are not visible to it).
         NOT EXISTS (SELECT 1 FROM plans g WHERE g.id = CASE WHEN t.recipient_id = ok.low_id THEN ok.low_plan ELSE ok.high_plan END
                       AND ${FRIENDS_IN("g")} + 2 < g.group_min) AS tell
  FROM told t JOIN matched m ON m.id = t.match_id JOIN ok ON ok.low_plan = m.plan_low_id AND ok.high_plan = m.plan_high_id`,
  [
    "uuid[]",
    "uuid[]",
    "uuid[]",
    "uuid[]",
    "timestamptz[]",
    "timestamptz[]",
    "timestamptz[]",
    "timestamptz[]",
    "bool[]",
    "text",
    "timestamptz",
    "timestamptz",
    "timestamptz",
    "int8",
  ],
  { disclosureId: "uuid", subjectId: "uuid", recipientId: "uuid", matchId: "uuid?", tell: "bool" },
);

/**
 * Matches `plan` with each friend whose candidate plans qualify, one transaction per friend: how long
 * a pair's locks are held must not depend on anyone else's plans (a friend who times an action that
 * takes the same lock would learn whether the poster matched someone else). Resolves to how many matched.
 */
async function createMatches(plan: Row, candidates: { other: Row; inReach: boolean }[], now: Date): Promise<number> {
  const byFriend = new Map<string, { other: Row; inReach: boolean }[]>();
  for (const candidate of candidates) {
    const plans = byFriend.get(candidate.other.userId) ?? [];
    plans.push(candidate);
    byFriend.set(candidate.other.userId, plans);
  }
  let created = 0;
  for (const plans of byFriend.values()) {
    try {
      created += await matchWithFriend(plan, plans, now);
    } catch (error) {
      // The friend's plan or account went while it was checked (a cancel or a deletion takes no
      // pair lock when there is no match yet): only a match's insert notices, so it is not an error
      // that may stop the other friends' checks — that would make their timing depend on this one.
      if ((error as { code?: string }).code !== FOREIGN_KEY_VIOLATION) throw error;
    }
  }
  return created;
}

/**
 * One friend's candidate plans (usually one): under the pair's lock and both inboxes' locks — taken
 * first, in that order, for every friend alike, told or not — one statement checks and writes them
 * all (a friend with several plans is matched on the first that qualifies), and notify() writes
 * what each side was told. The inbox locks come before the statement's writes: a deletion of the
 * account takes them before its row, so the two never wait on each other.
 */
async function matchWithFriend(plan: Row, candidates: { other: Row; inReach: boolean }[], now: Date): Promise<number> {
  const pairs = candidates.map(({ other, inReach }) => {
    const [low, high] = plan.userId < other.userId ? [plan, other] : [other, plan];
    return { low, high, inReach };
  });
  const people = [plan.userId, candidates[0]!.other.userId];
  return transaction(
    async (tx) => {
      await lockInOrder(tx, [pairLockKey(people[0]!, people[1]!), ...inboxLockKeys(people)]);
      const told = await tx.rows(MATCH, [
        pairs.map((pair) => pair.low.userId),
        pairs.map((pair) => pair.high.userId),
        pairs.map((pair) => pair.low.id),
        pairs.map((pair) => pair.high.id),
        pairs.map((pair) => pair.low.startsAt),
        pairs.map((pair) => pair.low.endsAt),
        pairs.map((pair) => pair.high.startsAt),
        pairs.map((pair) => pair.high.endsAt),
        pairs.map((pair) => pair.inReach),
        plan.activity,
        now,
        new Date(now.getTime() - PAIR_COOLDOWN_MS),
        new Date(now.getTime() - AREA_WINDOW_MS),
        AREAS_PER_DAY,
      ]);
      const notices = told
        .filter((row) => row.tell)
        .map((row) => ({
          userId: row.recipientId,
          type: "match" as const,
          actorId: row.subjectId,
          disclosureId: row.disclosureId,
          matchId: row.matchId,
        }));
      await notify(tx, notices, { locked: people });
      return new Set(told.map((row) => row.matchId)).size;
    },
    { genericPlans: true },
  );
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
