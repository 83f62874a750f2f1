import "server-only";
import { db } from "./db";

export type PrivacySettings = { discoverable: boolean; pausedUntil: Date | null };

export async function getPrivacySettings(userId: string, now = new Date()): Promise<PrivacySettings> {
  const settings = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { discoverable: true, pausedUntil: true } });
  // A pause that has run out is no pause.
  return { ...settings, pausedUntil: settings.pausedUntil && settings.pausedUntil > now ? settings.pausedUntil : null };
}

/** Ghost mode: until `until`, the user's plans are not matched and nobody is told about them. null resumes. */
export async function setPausedUntil(userId: string, until: Date | null): Promise<void> {
  await db().user.update({ where: { id: userId }, data: { pausedUntil: until }, select: { id: true } });
}

export async function setDiscoverable(userId: string, discoverable: boolean): Promise<void> {
  await db().user.update({ where: { id: userId }, data: { discoverable }, select: { id: true } });
}
