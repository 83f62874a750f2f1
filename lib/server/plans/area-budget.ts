import "server-only";
import { ExpectedError } from "../errors";
import { keyedHash } from "../keyed-hash";
import { lock, statement, type Tx } from "../sql";

// The daily area budget. Every match or non-match is an answer about where a friend is relative to
// the area and radius a plan claims, and a friend controls what their client claims: posting from a
// raster of made-up areas pinned a victim's exact cell in 12 posts. So each person's plans may be set
// from at most AREAS_PER_DAY distinct areas-and-radii in any 24 hours; a plan from one more is
// refused when posted or edited (and, when a coarser precision moves plans to new areas, left out of
// matching). The budget depends on nothing but the person's own plans, so neither the budget nor a
// refusal tells anyone anything about someone else. docs/privacy-model.md has the whole argument.

/** Distinct areas (with radius) a person's plans may be set from in any 24 hours. */
export const AREAS_PER_DAY = 3;
/** An area counts for this long after it was last used (set, or the end of a plan set with it). */
export const AREA_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * The budget's name for an area and radius of one person: a keyed hash, so the table holds no cell
 * (and cannot be matched against a list of cells without the server's secret).
 */
export function areaKey(userId: string, cell: string, travelKm: number): string {
  return keyedHash(`area:${userId}:${cell}:${travelKm}`);
}

/** Serialises a person's area claims until the transaction ends (two posts at once cannot both take the last slot). */
export async function lockAreas(tx: Tx, userId: string): Promise<void> {
  await lock(tx, `areas:${userId}`);
}

// Counts the areas still within the window (last used after $6); takes (or extends) the slot of `$2` when it is one of
// them or a slot is free. Returns the claim (or nothing) and, for the refusal, when the oldest slot
// frees up.
const CLAIM = statement(
  `
  WITH current AS (
    SELECT count(*) AS used, bool_or(area_key = $2) AS mine, min(last_used_at) AS oldest
    FROM area_uses WHERE user_id = $1 AND last_used_at > $6),
  claimed AS (
    INSERT INTO area_uses (user_id, area_key, first_used_at, last_used_at, activities)
    SELECT $1, $2, $4, greatest($3::timestamptz, $4::timestamptz), ARRAY[$7::text] FROM current WHERE coalesce(mine, false) OR used < $5
    ON CONFLICT (user_id, area_key) DO UPDATE SET
      last_used_at = greatest(area_uses.last_used_at, EXCLUDED.last_used_at),
      first_used_at = CASE WHEN area_uses.last_used_at > $6 THEN area_uses.first_used_at ELSE EXCLUDED.first_used_at END,
      activities = CASE WHEN area_uses.last_used_at > $6
                        THEN array(SELECT DISTINCT unnest(area_uses.activities || EXCLUDED.activities) ORDER BY 1)
                        ELSE EXCLUDED.activities END
    RETURNING 1)
  SELECT (SELECT count(*) FROM claimed)::int AS claimed, oldest FROM current`,
  ["uuid", "text", "timestamptz", "timestamptz", "int8", "timestamptz", "text"],
  { claimed: "int4", oldest: "timestamptz?" },
);

export type AreaClaim = { ok: true } | { ok: false; freesAt: Date };

/** A plan's area as the budget counts it: where, how far, until when, and for what activity. */
export type AreaOfPlan = { cell: string; travelKm: number; endsAt: Date; activity: string };

/**
 * Takes a slot of the budget for a plan of `userId`. Call it holding lockAreas, in the transaction
 * that stores the plan.
 */
export async function claimArea(tx: Tx, userId: string, plan: AreaOfPlan, now: Date): Promise<AreaClaim> {
  const [row] = await tx.rows(CLAIM, [
    userId,
    areaKey(userId, plan.cell, plan.travelKm),
    plan.endsAt,
    now,
    AREAS_PER_DAY,
    new Date(now.getTime() - AREA_WINDOW_MS),
    plan.activity,
  ]);
  if (row && row.claimed > 0) return { ok: true };
  return { ok: false, freesAt: new Date((row?.oldest ?? now).getTime() + AREA_WINDOW_MS) };
}

/** The refusal a person reads when a plan would use one area more than the budget allows. */
export function areaBudgetError(freesAt: Date, now: Date): ExpectedError {
  const hours = Math.max(1, Math.ceil((freesAt.getTime() - now.getTime()) / 3_600_000));
  return new ExpectedError(
    `Your plans have already used ${AREAS_PER_DAY} different areas or distances in the last day — the most we allow, ` +
      `so nobody can use plans to pin down where a friend is. You can still post from an area and distance ` +
      `you have used today, or try again in ${hours === 1 ? "an hour" : `${hours} hours`}.`,
  );
}
