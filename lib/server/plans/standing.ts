import "server-only";
import { areaWords, coarsenTo, type Resolution } from "@/lib/geo";
import { dayIn, nextDay, nextOccurrence, occurrenceOn, usuallyWords, type Occurrence, type Weekly } from "@/lib/standing-times";
import { MAX_STANDING_PLANS, type StandingEdit, type StandingForm } from "@/lib/validation/standing";
import type { StandingPlanView } from "@/lib/views/plans";
import { claimArea, lockAreas } from "./area-budget";
import { matchLoaded, type Loaded } from "./matcher";
import { MAX_ACTIVE_PLANS } from "./plans";
import { dropOut } from "../matches/drop-outs";
import { ExpectedError, NotFoundError } from "../errors";
import { enforce, PLANS_PER_USER } from "../rate-limit";
import { sql, statement, transaction, type Tx } from "../sql";

// Standing plans: "surfing, Sat and Sun 7–10 AM, around my usual area", every week until removed or
// paused. Each week's occurrence becomes an ordinary plan OCCURRENCE_LEAD_MS before it starts, made
// by a background job (spawnDueOccurrences) and then matched by the one matcher like any posted plan —
// the same candidate query, area budget, per-pair cooldown and constant work — so a standing plan
// answers a friend nothing a posted plan would not (docs/privacy-model.md, "Standing plans").

const NO_DAY_LEFT = "None of those days is left before the last day you chose. Choose a later last day or other days.";

/** How long before its start a week's occurrence becomes a plan (and friends can be told about it). */
export const OCCURRENCE_LEAD_MS = 24 * 60 * 60 * 1000;
/** Standing plans looked at per spawner statement. */
export const SPAWN_BATCH = 100;

type WeeklyRow = { days: number[] | null; startMinute: number; endMinute: number; timeZone: string; lastOn: string | null };
// (days is never null: a CHECK constraint; Prisma declares list columns nullable.)
const weeklyOf = ({ days, startMinute, endMinute, timeZone, lastOn }: WeeklyRow): Weekly => ({ days: days ?? [], startMinute, endMinute, timeZone, lastOn });

/** A standing plan's weeks as every read selects them (`s`: its alias), and the first day not yet made. */
const WEEKLY = (s: string) =>
  `${s}.days, ${s}.start_minute AS "startMinute", ${s}.end_minute AS "endMinute", ${s}.time_zone AS "timeZone",
   ${s}.last_on::text AS "lastOn", ${s}.next_on::text AS "nextOn"`;
const WEEKLY_COLUMNS = { days: "int2[]?", startMinute: "int2", endMinute: "int2", timeZone: "text", lastOn: "text?", nextOn: "text" } as const;

/** When the spawner makes the plan of `occurrence` (null: none left). */
const dueAtOf = (occurrence: Occurrence | null) => (occurrence ? new Date(occurrence.startsAt.getTime() - OCCURRENCE_LEAD_MS) : null);

const OWNER = statement(
  `SELECT location_resolution AS resolution, (SELECT count(*)::int FROM standing_plans WHERE user_id = u.id) AS standing
   FROM users u WHERE id = $1 AND disabled_at IS NULL`,
  ["uuid"],
  { resolution: "int2", standing: "int4" },
);

const INSERT_STANDING = statement(
  `INSERT INTO standing_plans (id, user_id, activity, days, start_minute, end_minute, time_zone, cell, travel_km, audience, last_on, last_ends_at, next_on, due_at)
   VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text::date, $11, $12::text::date, $13) RETURNING id`,
  ["uuid", "text", "int2[]", "int2", "int2", "text", "text", "int4", "Audience", "text?", "timestamptz?", "text", "timestamptz?"],
  { id: "uuid" },
);

/**
 * Saves a standing plan; its first occurrence is made at once when it starts within a day (the
 * returned step makes and matches it: run it after answering, as a post's matching). Refused, with
 * nothing stored, past MAX_STANDING_PLANS or when no day is left before its last day.
 */
export async function createStandingPlan(userId: string, input: StandingForm, now = new Date()): Promise<{ id: string; spawn: () => Promise<number> }> {
  await enforce(PLANS_PER_USER, userId);
  const weekly: Weekly = { days: input.days, startMinute: input.from, endMinute: input.to, timeZone: input.timeZone, lastOn: input.lastOn };
  const today = dayIn(now, input.timeZone);
  const first = nextOccurrence(weekly, today, now);
  if (!first) throw new ExpectedError(NO_DAY_LEFT);
  const id = await transaction(async (tx) => {
    await lockAreas(tx, userId);
    const [owner] = await tx.rows(OWNER, [userId]);
    if (!owner) throw new NotFoundError();
    if (owner.standing >= MAX_STANDING_PLANS) {
      throw new ExpectedError(`You have ${MAX_STANDING_PLANS} standing plans — the most at once. Remove one to add another.`);
    }
    const [row] = await tx.rows(INSERT_STANDING, [
      userId,
      input.activity,
      input.days,
      input.from,
      input.to,
      input.timeZone,
      coarsenTo(input.cell, owner.resolution as Resolution),
      input.travelKm,
      input.audience,
      input.lastOn,
      input.lastOn ? occurrenceOn(weekly, input.lastOn).endsAt : null,
      today,
      dueAtOf(first),
    ]);
    return row!.id;
  });
  return { id, spawn: async () => (first.startsAt.getTime() - OCCURRENCE_LEAD_MS <= now.getTime() ? spawnOccurrence(id, now) : 0) };
}

const DUE = statement(
  `SELECT s.id, s.due_at AS "dueAt" FROM standing_plans s JOIN users u ON u.id = s.user_id
   WHERE s.due_at <= $1 AND (s.due_at, s.id) > ($2, $3::uuid) AND u.disabled_at IS NULL ORDER BY s.due_at, s.id LIMIT ${SPAWN_BATCH}`,
  ["timestamptz", "timestamptz", "uuid"],
  { id: "uuid", dueAt: "timestamptz?" },
);

/**
 * Makes the plan of every occurrence now due, and matches each. Safe in several processes at once:
 * each standing plan is re-read under its owner's area lock, so one week is made once. Page by page,
 * so that one that fails (left due, for the next run) never holds up the rest.
 */
export async function spawnDueOccurrences(now = new Date()): Promise<{ made: number; matched: number; failed: number }> {
  const counts = { made: 0, matched: 0, failed: 0 };
  // A plan made moves its standing plan on: a next day already due too (after a while with nothing
  // running) comes in a later page, or at the next run.
  for (let after = { dueAt: new Date(0), id: "00000000-0000-0000-0000-000000000000" }; ;) {
    const page = await sql.rows(DUE, [now, after.dueAt, after.id]);
    for (const { id } of page) {
      try {
        const plan = await makeOccurrence(id, now);
        if (!plan) continue;
        counts.made++;
        counts.matched += await matchLoaded(plan, now);
      } catch (error) {
        counts.failed++;
        console.error("Making a standing plan's occurrence failed:", (error as Error).message);
      }
    }
    if (page.length < SPAWN_BATCH) break;
    const last = page[page.length - 1]!;
    after = { dueAt: last.dueAt ?? now, id: last.id };
  }
  return counts;
}

/** One standing plan's due occurrence, made and matched (0 when it was not due after all). */
async function spawnOccurrence(standingId: string, now: Date): Promise<number> {
  const plan = await makeOccurrence(standingId, now);
  return plan ? matchLoaded(plan, now) : 0;
}

const STANDING_OWNER = statement(`SELECT user_id AS "userId" FROM standing_plans WHERE id = $1`, ["uuid"], { userId: "uuid" });

const LOCK_DUE = statement(
  `SELECT ${WEEKLY("s")}, s.activity, s.cell, s.travel_km AS "travelKm", s.audience,
          u.location_resolution AS resolution, u.paused_until AS "pausedUntil",
          (SELECT count(*)::int FROM plans WHERE user_id = s.user_id AND ends_at > $2) AS active
   FROM standing_plans s JOIN users u ON u.id = s.user_id
   WHERE s.id = $1 AND s.due_at <= $2 AND u.disabled_at IS NULL FOR UPDATE OF s`,
  ["uuid", "timestamptz"],
  {
    ...WEEKLY_COLUMNS,
    activity: "text",
    cell: "text",
    travelKm: "int4",
    audience: "Audience",
    resolution: "int2",
    pausedUntil: "timestamptz?",
    active: "int4",
  },
);

const INSERT_OCCURRENCE = statement(
  `INSERT INTO plans (id, user_id, activity, starts_at, ends_at, cell, travel_km, audience, area_counted, standing_id, usually)
   VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
  ["uuid", "text", "timestamptz", "timestamptz", "text", "int4", "Audience", "bool", "uuid", "text"],
  { id: "uuid" },
);

const MOVE_ON = statement(`UPDATE standing_plans SET next_on = $2::text::date, due_at = $3 WHERE id = $1`, ["uuid", "text", "timestamptz?"]);

/**
 * Under the owner's area lock (as a post takes it), re-reads the standing plan and, if an occurrence
 * is due, stores it as a plan — its area taking a slot of the daily budget like any post (one that
 * does not fit is stored but left out of matching, failing closed) — and moves the plan on to the
 * next week's day. Returns the plan as the matcher needs it, or null.
 */
async function makeOccurrence(standingId: string, now: Date): Promise<Loaded | null> {
  const [owner] = await sql.rows(STANDING_OWNER, [standingId]);
  if (!owner) return null;
  return transaction(async (tx) => {
    await lockAreas(tx, owner.userId);
    const [standing] = await tx.rows(LOCK_DUE, [standingId, now]);
    if (!standing) return null;
    const weekly = weeklyOf(standing);
    const occurrence = nextOccurrence(weekly, standing.nextOn, now);
    if (!occurrence || occurrence.startsAt.getTime() - OCCURRENCE_LEAD_MS > now.getTime()) {
      // Not due after all (its day went by while nothing ran, or it was edited): wait for the next.
      await tx.run(MOVE_ON, [standingId, standing.nextOn, dueAtOf(occurrence)]);
      return null;
    }
    const following = nextOccurrence(weekly, nextDay(occurrence.on), now);
    await tx.run(MOVE_ON, [standingId, nextDay(occurrence.on), dueAtOf(following)]);
    // As many plans coming up as a person may post: past it, this week is skipped (as a post is refused).
    if (standing.active >= MAX_ACTIVE_PLANS) return null;
    const plan = await storeOccurrence(tx, owner.userId, standingId, standing, occurrence, now);
    return { ...plan, pausedUntil: standing.pausedUntil };
  });
}

async function storeOccurrence(
  tx: Tx,
  userId: string,
  standingId: string,
  standing: { activity: string; cell: string; travelKm: number; audience: "close" | "friends"; resolution: number; startMinute: number },
  occurrence: Occurrence,
  now: Date,
): Promise<Omit<Loaded, "pausedUntil">> {
  // Coarsened to the owner's precision now, should it have become coarser since.
  const cell = coarsenTo(standing.cell, standing.resolution as Resolution);
  const { activity, travelKm, audience } = standing;
  const claim = await claimArea(tx, userId, { cell, travelKm, endsAt: occurrence.endsAt, activity }, now);
  const [row] = await tx.rows(INSERT_OCCURRENCE, [
    userId,
    activity,
    occurrence.startsAt,
    occurrence.endsAt,
    cell,
    travelKm,
    audience,
    claim.ok,
    standingId,
    usuallyWords(occurrence.on, standing.startMinute),
  ]);
  const { startsAt, endsAt } = occurrence;
  return { id: row!.id, userId, activity, startsAt, endsAt, cell, travelKm, audience, areaCounted: claim.ok };
}

const LIST = statement(
  `SELECT ${WEEKLY("s")}, s.id, s.activity, s.cell, s.travel_km AS "travelKm", s.audience, s.paused_at AS "pausedAt"
   FROM standing_plans s WHERE s.user_id = $1 ORDER BY s.created_at, s.id`,
  ["uuid"],
  { ...WEEKLY_COLUMNS, id: "uuid", activity: "text", cell: "text", travelKm: "int4", audience: "Audience", pausedAt: "timestamptz?" },
);

/** The owner's standing plans, each with its next week's window not yet made into a plan (none while paused). */
export async function listStandingPlans(userId: string, now = new Date()): Promise<StandingPlanView[]> {
  const rows = await sql.rows(LIST, [userId]);
  return rows.map(({ cell, nextOn, pausedAt, days, ...row }) => {
    const next = pausedAt ? null : nextOccurrence(weeklyOf({ days, ...row }), nextOn, now);
    return { ...row, days: days ?? [], area: areaWords(cell), paused: pausedAt !== null, next: next && { startsAt: next.startsAt, endsAt: next.endsAt } };
  });
}

const LOCK_OWN = statement(
  `SELECT ${WEEKLY("s")}, s.paused_at IS NOT NULL AS paused FROM standing_plans s WHERE s.id = $1 AND s.user_id = $2 FOR UPDATE`,
  ["uuid", "uuid"],
  { ...WEEKLY_COLUMNS, paused: "bool" },
);

const SET_PAUSED = statement(`UPDATE standing_plans SET paused_at = $2, due_at = $3 WHERE id = $1`, ["uuid", "timestamptz?", "timestamptz?"]);

/**
 * Pauses a standing plan (no week's plan is made until it is resumed; one already made stays, to be
 * cancelled on its own) or resumes it from the coming week's day. Someone else's: not found.
 */
export async function setStandingPaused(userId: string, standingId: string, paused: boolean, now = new Date()): Promise<void> {
  await transaction(async (tx) => {
    await lockAreas(tx, userId);
    const [standing] = await tx.rows(LOCK_OWN, [standingId, userId]);
    if (!standing) throw new NotFoundError();
    const due = paused ? null : dueAtOf(nextOccurrence(weeklyOf(standing), standing.nextOn, now));
    await tx.run(SET_PAUSED, [standingId, paused ? now : null, due]);
  });
}

const UPDATE_STANDING = statement(
  `UPDATE standing_plans SET days = $3, start_minute = $4, end_minute = $5, time_zone = $6, last_on = $7::text::date, last_ends_at = $8,
     travel_km = $9, audience = $10, due_at = $11
   WHERE id = $1 AND user_id = $2`,
  ["uuid", "uuid", "int2[]", "int2", "int2", "text", "text?", "timestamptz?", "int4", "Audience", "timestamptz?"],
);

/**
 * Changes a standing plan's days, hours, last day, radius or audience (its activity and area stay:
 * for those, remove it and add another). Weeks already made into plans stay as they are (each can be
 * edited or skipped on its own); the change applies from the next one. Returns the step that makes
 * and matches the next week's plan at once when it is due now. Someone else's: not found.
 */
export async function updateStandingPlan(
  userId: string,
  standingId: string,
  input: Omit<StandingEdit, "standingId">,
  now = new Date(),
): Promise<() => Promise<number>> {
  const weekly: Weekly = { days: input.days, startMinute: input.from, endMinute: input.to, timeZone: input.timeZone, lastOn: input.lastOn };
  const due = await transaction(async (tx) => {
    await lockAreas(tx, userId);
    const [standing] = await tx.rows(LOCK_OWN, [standingId, userId]);
    if (!standing) throw new NotFoundError();
    const next = nextOccurrence(weekly, standing.nextOn, now);
    if (!next) throw new ExpectedError(NO_DAY_LEFT);
    const dueAt = standing.paused ? null : dueAtOf(next);
    await tx.run(UPDATE_STANDING, [
      standingId,
      userId,
      input.days,
      input.from,
      input.to,
      input.timeZone,
      input.lastOn,
      input.lastOn ? occurrenceOn(weekly, input.lastOn).endsAt : null,
      input.travelKm,
      input.audience,
      dueAt,
    ]);
    return dueAt;
  });
  return async () => (due && due <= now ? spawnOccurrence(standingId, now) : 0);
}

const OCCURRENCES = statement(`SELECT id FROM plans WHERE standing_id = $1 AND ends_at > $2`, ["uuid", "timestamptz"], { id: "uuid" });
const DELETE_PLANS = statement(`DELETE FROM plans WHERE id = ANY($1::uuid[])`, ["uuid[]"]);
const DELETE_STANDING = statement(`DELETE FROM standing_plans WHERE id = $1 AND user_id = $2`, ["uuid", "uuid"]);

/**
 * Removes a standing plan with its area, and the plans of its weeks still to come or under way, as a
 * cancel does (friends in their matches are told "out"). Someone else's: not found.
 */
export async function removeStandingPlan(userId: string, standingId: string, now = new Date()): Promise<void> {
  await transaction(async (tx) => {
    await lockAreas(tx, userId);
    const [standing] = await tx.rows(LOCK_OWN, [standingId, userId]);
    if (!standing) throw new NotFoundError();
    const plans = (await tx.rows(OCCURRENCES, [standingId, now])).map((plan) => plan.id);
    await dropOut(tx, userId, { plans }, now);
    if (plans.length) await tx.run(DELETE_PLANS, [plans]);
    await tx.run(DELETE_STANDING, [standingId, userId]);
  });
}

/** One of the owner's standing plans, as listed; null when it is not theirs or not there. */
export async function getStandingPlan(userId: string, standingId: string, now = new Date()): Promise<StandingPlanView | null> {
  return (await listStandingPlans(userId, now)).find((plan) => plan.id === standingId) ?? null;
}
