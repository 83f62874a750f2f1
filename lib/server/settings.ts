import "server-only";
import { db } from "./db";

export type PrivacySettings = { discoverable: boolean };

export async function getPrivacySettings(userId: string): Promise<PrivacySettings> {
  return db().user.findUniqueOrThrow({ where: { id: userId }, select: { discoverable: true } });
}

export async function setDiscoverable(userId: string, discoverable: boolean): Promise<void> {
  await db().user.update({ where: { id: userId }, data: { discoverable }, select: { id: true } });
}
