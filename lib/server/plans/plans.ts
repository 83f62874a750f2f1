import "server-only";
import { areaWords, coarsenTo, type Resolution } from "@/lib/geo";
import { hasStarted, type PlanForm, type Window } from "@/lib/validation/plans";
import type { PlanMatch } from "@/lib/views/matches";
import type { ActivePlans, OwnPlanView } from "@/lib/views/plans";
import { areaBudgetError, claimArea, lockAreas } from "./area-budget";
import { lockPlanPartners } from "../matches/access";
import { retellAsks } from "../matches/asks";
import { dropOut, dropOutIfNoLongerOverlapping } from "../matches/drop-outs";
import { matchesOfPlans } from "../matches/meetups";
import { ExpectedError, isDatabaseUnavailable, NotFoundError } from "../errors";
import { logThrottled } from "../log";
import { matchLoaded, matchPlan, PLAN_COLUMNS } from "./matcher";
import { enforce, PLANS_PER_USER } from "../rate-limit";
import { retrying } from "../retry";
import { sql, statement, transaction, type Sql } from "../sql";

/**
 * Matching after a write, as a step the caller runs once its answer is on its way (the server
 * actions hand it to `after`). The answer to a post, an edit or a resume must not wait for it: how
 * long matching takes grows with how many friends' plans are candidates, which would tell the
 * asker that those plans exist, whether a friend is paused, and whether they marked the asker close
 * (docs/privacy-model.md). If the database is busy it is tried again a few times (backing off up
 * to ~4 s); if it still fails, the write stands (logged; the safety net matches what was never
 * matched) and the step resolves to 0.
 */
export type MatchStep = () => Promise<number>;

export function matchStep(match: () => Promise<number>): MatchStep {
  return async () => {
    try {
      // Busy (e.g. every process catching up after the database came back): a moment later it
      // usually goes through, rather than waiting up to a minute for the safety net.
      return await retrying(match, { attempts: MATCH_STEP_ATTEMPTS, firstDelayMs: MATCH_STEP_RETRY_MS, retryIf: isDatabaseUnavailable });
    } catch (error) {
      logThrottled("match-step", `Matching right after a change failed: ${(error as Error).message}`);
      return 0;
    }
  };
}

const MATCH_STEP_ATTEMPTS = 4;
const MATCH_STEP_RETRY_MS = 500;

/** Most plans a person may have coming up at once: each is matched again on every resume. */
export const MAX_ACTIVE_PLANS = 20;

/** `shareNote`: friends it matches with see the note (not unless asked); a group size: none unless asked. */
type NewPlan = Omit<PlanForm, "when" | "startsAt" | "endsAt" | "shareNote" | "groupMin" | "groupMax"> &
  Window & { shareNote?: boolean; groupMin?: number | null; groupMax?: number | null };

/** The owner's view of one of their plans: the area in words, never the cell id. */
function ownView({ cell, matches = [], ...rest }: Omit<OwnPlanView, "area" | "matches"> & { cell: string; matches?: PlanMatch[] }): OwnPlanView {
  return { ...rest, area: areaWords(cell), matches };
}

/** The plan a post with this key already stored, as its owner sees it (a retry of that post). */
async function postedWithKey(on: Sql, userId: string, postKey: string | undefined): Promise<OwnPlanView | null> {
  if (!postKey) return null;
  const [plan] = await on.rows(POSTED_WITH_KEY, [userId, postKey]);
  return plan ? ownView(plan) : null;
}

/** A plan as its owner's pages list it (ownView turns the cell into words). */
const OWN_COLUMNS = {
  ...PLAN_COLUMNS,
  audience: "Audience",
  note: "text?",
  shareNote: "bool",
  groupMin: "int2?",
  groupMax: "int2?",
  usually: "text?",
} as const;

const POSTED_WITH_KEY = statement(
  `SELECT id, activity, starts_at AS "startsAt", ends_at AS "endsAt", cell, travel_km AS "travelKm", audience, note, share_note AS "shareNote",
          group_min AS "groupMin", group_max AS "groupMax", usually
   FROM plans WHERE user_id = $1 AND post_key = $2`,
  ["uuid", "uuid"],
  OWN_COLUMNS,
);

const POSTER = statement(
  `SELECT location_resolution AS resolution, paused_until AS "pausedUntil",
          (SELECT count(*)::int FROM plans WHERE user_id = u.id AND ends_at > $2) AS active
   FROM users u WHERE id = $1 AND disabled_at IS NULL`,
  ["uuid", "timestamptz"],
  { resolution: "int2", pausedUntil: "timestamptz?", active: "int4" },
);

const INSERT_PLAN = statement(
  `INSERT INTO plans (id, user_id, activity, starts_at, ends_at, cell, travel_km, audience, note, share_note, area_counted, post_key, group_min, group_max)
   VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $10, true, $9, $11, $12) RETURNING id`,
  ["uuid", "text", "timestamptz", "timestamptz", "text", "int4", "Audience", "text?", "uuid?", "bool", "int2?", "int2?"],
  { id: "uuid" },
);

const alreadyMatched: MatchStep = async () => 0;

/**
 * Posts a plan. Returns it as its owner sees it, and the step that matches it (run it after
 * answering; the safety net repairs a crash in between). A plan from
 * an area (and radius) beyond the owner's daily area budget is refused and nothing is stored.
 * A post carrying the `postKey` of one already stored (a retry whose first answer was lost) stores
 * nothing and answers with that plan, taking nothing from the rate limit or the area budget.
 */
export async function createPlan(userId: string, input: NewPlan, now = new Date()): Promise<{ plan: OwnPlanView; match: MatchStep }> {
  const retried = await postedWithKey(sql, userId, input.postKey);
  if (retried) return { plan: retried, match: alreadyMatched };
  // Edits count against the same limit: each post or edit is a fresh question to the matcher.
  await enforce(PLANS_PER_USER, userId);

  // Plain SQL on this path (lib/server/sql.ts): posting a plan is the app's busiest write.
  type Stored = { twin: OwnPlanView } | { twin?: never; id: string; cell: string; pausedUntil: Date | null };
  const stored = await transaction(async (tx): Promise<Stored> => {
    await lockAreas(tx, userId);
    // The same post arriving twice at once: the second waits for the lock, then finds the first.
    const twin = await postedWithKey(tx, userId, input.postKey);
    if (twin) return { twin };
    // The owner's pause is read here for the matcher, which then need not read the new plan back.
    const [owner] = await tx.rows(POSTER, [userId, now]);
    if (!owner) throw new NotFoundError();
    if (owner.active >= MAX_ACTIVE_PLANS) {
      throw new ExpectedError(`You have ${MAX_ACTIVE_PLANS} plans coming up — the most at once. Cancel one to post another.`);
    }
    const cell = coarsenTo(input.cell, owner.resolution as Resolution);
    const claim = await claimArea(tx, userId, { cell, travelKm: input.travelKm, endsAt: input.endsAt, activity: input.activity }, now);
    if (!claim.ok) throw areaBudgetError(claim.freesAt, now);
    const [plan] = await tx.rows(INSERT_PLAN, [
      userId,
      input.activity,
      input.startsAt,
      input.endsAt,
      cell,
      input.travelKm,
      input.audience,
      input.note || null,
      input.postKey ?? null,
      input.shareNote ?? false,
      input.groupMin ?? null,
      input.groupMax ?? null,
    ]);
    return { id: plan!.id, cell, pausedUntil: owner.pausedUntil };
  });
  if (stored.twin) return { plan: stored.twin, match: alreadyMatched };
  const { id, cell, pausedUntil } = stored;
  const { activity, startsAt, endsAt, travelKm, audience } = input;
  const posted = { id, activity, startsAt, endsAt, cell, travelKm, audience };
  const match = matchStep(() => matchLoaded({ ...posted, userId, pausedUntil, areaCounted: true }, now));
  return {
    plan: ownView({
      ...posted,
      note: input.note || null,
      shareNote: input.shareNote ?? false,
      groupMin: input.groupMin ?? null,
      groupMax: input.groupMax ?? null,
      usually: null,
    }),
    match,
  };
}

type PlanChanges = Pick<NewPlan, "startsAt" | "endsAt" | "travelKm" | "audience" | "note" | "shareNote" | "groupMin" | "groupMax">;

const MINUTE = 60_000;

/**
 * Changes an active plan's window, radius, audience, note (and whether matched friends see it) or
 * group size (a smaller "at most" takes nobody out: it only stops new matches); returns the step that matches it
 * again (run it after answering). A start in the
 * past (a plan under way) is accepted only as the plan's own, which the form shows to the minute:
 * the stored instant is kept, so an edit cannot backdate a plan into time already gone. A new radius
 * is a new question about friends' areas: it takes a slot of the daily area budget like a post.
 */
export async function updatePlan(userId: string, planId: string, changes: PlanChanges, now = new Date()): Promise<MatchStep> {
  await enforce(PLANS_PER_USER, userId);
  await transaction(async (tx) => {
    await lockAreas(tx, userId);
    const [current] = await tx.rows(EDITED_PLAN, [planId, userId, now]);
    if (!current) throw new NotFoundError();
    let { startsAt } = changes;
    if (hasStarted(startsAt, now)) {
      if (Math.floor(current.startsAt.getTime() / MINUTE) !== Math.floor(startsAt.getTime() / MINUTE)) {
        throw new ExpectedError("A plan under way keeps its start time; choose a start from now on.");
      }
      startsAt = current.startsAt;
    }
    const claim = await claimArea(tx, userId, { cell: current.cell, travelKm: changes.travelKm, endsAt: changes.endsAt, activity: current.activity }, now);
    if (!claim.ok) throw areaBudgetError(claim.freesAt, now);
    await tx.run(UPDATE_PLAN, [
      planId,
      userId,
      startsAt,
      changes.endsAt,
      changes.travelKm,
      changes.audience,
      changes.note || null,
      changes.shareNote ?? false,
      changes.groupMin ?? null,
      changes.groupMax ?? null,
    ]);
    await lockPlanPartners(tx, userId, planId, now);
    await dropOutIfNoLongerOverlapping(tx, userId, planId, { startsAt, endsAt: changes.endsAt }, now);
    await retellAsks(tx, userId, planId, { startsAt, endsAt: changes.endsAt }, now);
  });
  return matchStep(() => matchPlan(planId, now));
}

// FOR NO KEY UPDATE: an edit never changes the plan's key, so the matcher's inserts that refer to
// the plan (their foreign-key checks take a key-share lock on it) do not wait for the edit — which
// itself may wait for a pair lock the matcher holds.
const EDITED_PLAN = statement(
  `SELECT starts_at AS "startsAt", cell, activity FROM plans WHERE id = $1 AND user_id = $2 AND ends_at > $3 FOR NO KEY UPDATE`,
  ["uuid", "uuid", "timestamptz"],
  { startsAt: "timestamptz", cell: "text", activity: "text" },
);

const UPDATE_PLAN = statement(
  `UPDATE plans SET starts_at = $3, ends_at = $4, travel_km = $5, audience = $6, note = $7, share_note = $8, group_min = $9, group_max = $10,
     matched_at = NULL, area_counted = true
   WHERE id = $1 AND user_id = $2`,
  ["uuid", "uuid", "timestamptz", "timestamptz", "int4", "Audience", "text?", "bool", "int2?", "int2?"],
);

const DELETE_PLAN = statement("DELETE FROM plans WHERE id = $1 AND user_id = $2 RETURNING id", ["uuid", "uuid"], { id: "uuid" });

/**
 * Cancelling deletes the plan and its area at once; matches already made stay in both inboxes, and
 * each friend still in one of them is told "out" (lib/server/matches/drop-outs.ts).
 */
export async function cancelPlan(userId: string, planId: string, now = new Date()): Promise<void> {
  await transaction(async (tx) => {
    await dropOut(tx, userId, { plans: [planId] }, now);
    const deleted = await tx.rows(DELETE_PLAN, [planId, userId]);
    if (deleted.length === 0) throw new NotFoundError();
  });
}

const ACTIVE_PLANS = statement(
  `SELECT id, activity, starts_at AS "startsAt", ends_at AS "endsAt", cell, travel_km AS "travelKm", audience, note, share_note AS "shareNote",
          group_min AS "groupMin", group_max AS "groupMax", usually
   FROM plans WHERE user_id = $1 AND ends_at > $2 ORDER BY starts_at ASC`,
  ["uuid", "timestamptz"],
  OWN_COLUMNS,
);

/**
 * The plans page's list, and the instant it was read: a plan posted before then is in it while it is
 * active (see PostedPlan). Plain SQL (lib/server/sql.ts): read on every visit.
 */
export async function listActivePlans(userId: string, now = new Date()): Promise<ActivePlans> {
  const found = await sql.rows(ACTIVE_PLANS, [userId, now]);
  const matches = await matchesOfPlans(
    sql,
    userId,
    found.map((plan) => plan.id),
  );
  return { plans: found.map((plan) => ownView({ ...plan, matches: matches.get(plan.id) ?? [] })), listedAt: now.getTime() };
}
