import "server-only";
import type { Resolution } from "@/lib/geo";
import { db } from "./db";

export type PrivacySettings = {
  discoverable: boolean;
  pausedUntil: Date | null;
  locationResolution: Resolution;
  defaultTravelKm: number;
  defaultAudience: "close" | "friends";
  intentRetentionHours: number;
  notificationRetentionDays: number;
  ledgerRetentionDays: number;
};

export const privacySettingsSelect = {
  discoverable: true,
  pausedUntil: true,
  locationResolution: true,
  defaultTravelKm: true,
  defaultAudience: true,
  intentRetentionHours: true,
  notificationRetentionDays: true,
  ledgerRetentionDays: true,
} as const;

export async function getPrivacySettings(userId: string, now = new Date()): Promise<PrivacySettings> {
  const settings = await db().user.findUniqueOrThrow({ where: { id: userId }, select: privacySettingsSelect });
  return {
    ...settings,
    locationResolution: settings.locationResolution as Resolution,
    // A pause that has run out is no pause.
    pausedUntil: settings.pausedUntil && settings.pausedUntil > now ? settings.pausedUntil : null,
  };
}

/** Saves some of the settings (already validated against the choices the page offers; the database CHECKs them too). */
export async function updatePrivacySettings(userId: string, changes: Partial<Omit<PrivacySettings, "pausedUntil">>): Promise<void> {
  await db().user.update({ where: { id: userId }, data: changes, select: { id: true } });
}

/** Ghost mode: until `until`, the user's plans are not matched and nobody is told about them. null resumes. */
export async function setPausedUntil(userId: string, until: Date | null): Promise<void> {
  await db().user.update({ where: { id: userId }, data: { pausedUntil: until }, select: { id: true } });
}
