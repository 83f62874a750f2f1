import "server-only";
import { coarsenTo, type Resolution } from "@/lib/geo";
import type { PushControls } from "@/lib/push-rules";
import type { Prisma } from "@/generated/prisma/client";
import type { PrivacySettings } from "@/lib/views/settings";
import { claimArea, lockAreas } from "../plans/area-budget";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { dropOut } from "../matches/drop-outs";
import { matchStep, type MatchStep } from "../plans/plans";
import { matchActivePlansOf } from "../plans/matcher";
import { enforce, SHARING_CHANGES_PER_USER } from "../rate-limit";
import { sql, statement, transaction } from "../sql";

// Plain SQL (lib/server/sql.ts): the signed-in layout reads these on every page.
const PRIVACY_SETTINGS = statement(
  `SELECT discoverable, paused_until AS "pausedUntil", location_resolution AS "locationResolution",
          default_travel_km AS "defaultTravelKm", default_audience AS "defaultAudience",
          plan_retention_hours AS "planRetentionHours", notification_retention_days AS "notificationRetentionDays",
          ledger_retention_days AS "ledgerRetentionDays"
   FROM users WHERE id = $1`,
  ["uuid"],
  {
    discoverable: "bool",
    pausedUntil: "timestamptz?",
    locationResolution: "int2",
    defaultTravelKm: "int2",
    defaultAudience: "Audience",
    planRetentionHours: "int2",
    notificationRetentionDays: "int2",
    ledgerRetentionDays: "int2",
  },
);

export async function getPrivacySettings(userId: string, now = new Date()): Promise<PrivacySettings> {
  const [settings] = await sql.rows(PRIVACY_SETTINGS, [userId]);
  if (!settings) throw new NotFoundError();
  // A pause that has run out is no pause.
  return {
    ...settings,
    locationResolution: settings.locationResolution as Resolution,
    pausedUntil: settings.pausedUntil && settings.pausedUntil > now ? settings.pausedUntil : null,
  };
}

/**
 * Saves some of the settings (already validated against the choices the page offers; the database
 * CHECKs them too). A coarser precision applies to the plans already stored as well, at once.
 */
export async function updatePrivacySettings(
  userId: string,
  { locationResolution, ...changes }: Partial<Omit<PrivacySettings, "pausedUntil">>,
  now = new Date(),
): Promise<void> {
  if (Object.keys(changes).length > 0) await db().user.update({ where: { id: userId }, data: changes, select: { id: true } });
  if (locationResolution !== undefined) await setLocationResolution(userId, locationResolution, now);
}

/**
 * The precision, and every stored plan and standing plan coarsened to it, in one transaction. A coarser area is a new
 * question about friends' areas, so it takes a slot of the daily area budget (area-budget.ts); a
 * plan whose new area does not fit keeps it but is left out of matching.
 */
async function setLocationResolution(userId: string, resolution: Resolution, now: Date): Promise<void> {
  await transaction(async (tx) => {
    await lockAreas(tx, userId);
    await tx.run(SET_RESOLUTION, [userId, resolution]);
    const plans = await tx.rows(PLANS_TO_COARSEN, [userId]);
    for (const plan of plans) {
      const coarser = coarsenTo(plan.cell, resolution);
      if (coarser === plan.cell) continue;
      // An ended plan is matched with nobody any more: it asks nothing.
      const { ok } = plan.endsAt > now ? await claimArea(tx, userId, { ...plan, cell: coarser }, now) : { ok: false };
      await tx.run(COARSEN_PLAN, [plan.id, coarser, ok]);
    }
    // Standing plans' areas too (each week's plan claims its area when it is made).
    for (const standing of await tx.rows(STANDING_TO_COARSEN, [userId])) {
      const coarser = coarsenTo(standing.cell, resolution);
      if (coarser !== standing.cell) await tx.run(COARSEN_STANDING, [standing.id, coarser]);
    }
  });
}

const SET_RESOLUTION = statement("UPDATE users SET location_resolution = $2 WHERE id = $1", ["uuid", "int2"]);
const PLANS_TO_COARSEN = statement(
  `SELECT id, cell, travel_km AS "travelKm", ends_at AS "endsAt", activity FROM plans WHERE user_id = $1 FOR NO KEY UPDATE`,
  ["uuid"],
  { id: "uuid", cell: "text", travelKm: "int4", endsAt: "timestamptz", activity: "text" },
);
const STANDING_TO_COARSEN = statement(`SELECT id, cell FROM standing_plans WHERE user_id = $1 FOR UPDATE`, ["uuid"], { id: "uuid", cell: "text" });
const COARSEN_STANDING = statement("UPDATE standing_plans SET cell = $2 WHERE id = $1", ["uuid", "text"]);
const COARSEN_PLAN = statement("UPDATE plans SET cell = $2, area_counted = area_counted AND $3 WHERE id = $1", ["uuid", "text", "bool"]);

/** Ghost mode: until `until`, the user's plans are not matched and nobody is told about them. null resumes. */
export async function setPausedUntil(userId: string, until: Date | null): Promise<void> {
  await db().user.update({ where: { id: userId }, data: { pausedUntil: until }, select: { id: true } });
}

const PAUSE = statement("UPDATE users SET paused_until = $2 WHERE id = $1", ["uuid", "timestamptz"]);

/**
 * Pausing or resuming by hand: each resume matches every active plan again, so it is limited. A
 * pause also takes the user out of their open matches: each friend in one is told "out" at once.
 */
export async function pauseSharing(userId: string, until: Date, now = new Date()): Promise<void> {
  await enforce(SHARING_CHANGES_PER_USER, userId);
  await transaction(async (tx) => {
    await tx.run(PAUSE, [userId, until]);
    await dropOut(tx, userId, "all", now);
  });
}

/** Ends a pause now; returns the step that matches the owner's active plans, as if just posted. */
export async function resumeSharing(userId: string, now = new Date()): Promise<MatchStep> {
  await enforce(SHARING_CHANGES_PER_USER, userId);
  await setPausedUntil(userId, null);
  return matchStep(() => matchActivePlansOf(userId, now));
}

export const pushControlsSelect = {
  pushEnabled: true,
  quietHoursStart: true,
  quietHoursEnd: true,
  timeZone: true,
  mutedActivities: true,
  pushDailyCapPerFriend: true,
} satisfies Prisma.UserSelect;

export async function getPushControls(userId: string): Promise<PushControls> {
  return db().user.findUniqueOrThrow({ where: { id: userId }, select: pushControlsSelect });
}

/** Saves the push controls (validated by pushControlsSchema); the push job reads them at its next run. */
export async function updatePushControls(userId: string, controls: PushControls): Promise<void> {
  await db().user.update({ where: { id: userId }, data: controls, select: { id: true } });
}
