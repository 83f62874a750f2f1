import "server-only";
import { acceptedResolution, centreDistanceKm, coarsenTo, precisionOf, slackKm, type Resolution } from "@/lib/geo";
import { hasStarted, type IntentForm, type OwnIntentView, type Window } from "@/lib/validation/intents";
import { db } from "./db";
import { ExpectedError, NotFoundError } from "./errors";
import { matchIntent, matchLoaded } from "./matcher";
import { enforce, INTENTS_PER_USER } from "./rate-limit";
import { rows } from "./sql";

/** Faster than this between two areas is not travel, it is someone probing with made-up positions. */
export const MAX_TRAVEL_KMH = 300;

/** The matcher's fast path after a write. If it fails, the write stands and the safety net matches later. */
async function matchRightAway(match: () => Promise<number>): Promise<number> {
  try {
    return await match();
  } catch (error) {
    console.error("Matching right after a change failed:", (error as Error).message);
    return 0;
  }
}

type NewIntent = Omit<IntentForm, "when" | "startsAt" | "endsAt"> & Window;

/** The owner's view of one of their plans: the area in words, never the cell id. */
function ownView({ cell, ...rest }: Omit<OwnIntentView, "area"> & { cell: string }): OwnIntentView {
  const resolution = acceptedResolution(cell);
  return { ...rest, area: resolution ? `an area of ${precisionOf(resolution).area}` : "a coarse area" };
}

/**
 * Posts an intent, then runs the matcher for it at once (the safety net repairs a crash in between).
 * Returns the new intent as its owner sees it and how many matches it made right away.
 */
export async function createIntent(userId: string, input: NewIntent, now = new Date()): Promise<{ intent: OwnIntentView; matches: number }> {
  await enforce("intent", INTENTS_PER_USER, userId);

  // Plain SQL on this path (lib/server/sql.ts): posting a plan is the app's busiest write.
  // The owner's pause is read here for the matcher, which then need not read the new plan back.
  const [owner] = await rows<{ resolution: number; pausedUntil: Date | null; lastCell: string | null; lastAt: Date | null }>(
    `SELECT u.location_resolution AS resolution, u.paused_until AS "pausedUntil", last.cell AS "lastCell", last.created_at AS "lastAt"
     FROM users u
     LEFT JOIN LATERAL (SELECT cell, created_at FROM intents WHERE user_id = u.id ORDER BY created_at DESC LIMIT 1) last ON true
     WHERE u.id = $1 AND u.disabled_at IS NULL`,
    [userId],
  );
  if (!owner) throw new NotFoundError();
  const cell = coarsenTo(input.cell, owner.resolution as Resolution);
  if (owner.lastCell && owner.lastAt && owner.lastCell !== cell) {
    const km = Math.max(0, centreDistanceKm(owner.lastCell, cell) - slackKm(owner.lastCell, cell));
    const hours = Math.max(now.getTime() - owner.lastAt.getTime(), 1) / 3_600_000;
    if (km / hours > MAX_TRAVEL_KMH) {
      throw new ExpectedError("That area is too far from your last one to have got there already. Try again later.");
    }
  }

  const note = input.note || null;
  const [intent] = await rows<{ id: string }>(
    `INSERT INTO intents (id, user_id, activity, starts_at, ends_at, cell, travel_km, audience, note)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7::"Audience", $8) RETURNING id`,
    [userId, input.activity, input.startsAt, input.endsAt, cell, input.travelKm, input.audience, note],
  );
  const { activity, startsAt, endsAt, travelKm, audience } = input;
  const posted = { id: intent!.id, activity, startsAt, endsAt, cell, travelKm, audience };
  const matches = await matchRightAway(() => matchLoaded({ ...posted, userId, pausedUntil: owner.pausedUntil }, now));
  return { intent: ownView({ ...posted, note }), matches };
}

type IntentChanges = Pick<NewIntent, "startsAt" | "endsAt" | "travelKm" | "audience" | "note">;

const MINUTE = 60_000;

/**
 * Changes an active intent's window, radius, audience or note, then matches it again. A start in the
 * past (a plan under way) is accepted only as the plan's own, which the form shows to the minute:
 * the stored instant is kept, so an edit cannot backdate a plan into time already gone.
 */
export async function updateIntent(userId: string, intentId: string, changes: IntentChanges, now = new Date()): Promise<number> {
  let { startsAt } = changes;
  if (hasStarted(startsAt, now)) {
    const current = await db().intent.findFirst({ where: { id: intentId, userId, endsAt: { gt: now } }, select: { startsAt: true } });
    if (!current) throw new NotFoundError();
    if (Math.floor(current.startsAt.getTime() / MINUTE) !== Math.floor(startsAt.getTime() / MINUTE)) {
      throw new ExpectedError("A plan under way keeps its start time; choose a start from now on.");
    }
    startsAt = current.startsAt;
  }
  const { count } = await db().intent.updateMany({
    where: { id: intentId, userId, endsAt: { gt: now } },
    data: { ...changes, startsAt, note: changes.note || null, matchedAt: null },
  });
  if (count === 0) throw new NotFoundError();
  return matchRightAway(() => matchIntent(intentId, now));
}

/** Cancelling deletes the intent and its area at once; matches already made stay in both inboxes. */
export async function cancelIntent(userId: string, intentId: string): Promise<void> {
  const { count } = await db().intent.deleteMany({ where: { id: intentId, userId } });
  if (count === 0) throw new NotFoundError();
}

/**
 * The "now" page's list, and the instant it was read: a plan posted before then is in it while it is
 * active (see PostedPlan). Plain SQL (lib/server/sql.ts): read on every visit.
 */
export async function listActiveIntents(userId: string, now = new Date()): Promise<{ intents: OwnIntentView[]; listedAt: number }> {
  const found = await rows<OwnIntentView & { cell: string }>(
    `SELECT id, activity, starts_at AS "startsAt", ends_at AS "endsAt", cell, travel_km AS "travelKm", audience, note
     FROM intents WHERE user_id = $1 AND ends_at > $2 ORDER BY starts_at ASC`,
    [userId, now],
  );
  return { intents: found.map(ownView), listedAt: now.getTime() };
}
