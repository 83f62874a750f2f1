import "server-only";
import { env } from "@/lib/env";
import type { SubscribeInput } from "@/lib/validation/push";
import type { DeviceView } from "@/lib/views/devices";
import { db } from "../db";
import { ExpectedError, NotFoundError } from "../errors";

// The browsers' push services. An endpoint is a URL the server will POST to on a user's say-so, so
// only these hosts (and, for tests, PUSH_EXTRA_ENDPOINT_HOSTS) are accepted: no request forgery
// towards anything else.
const PUSH_SERVICE_HOSTS = [/^fcm\.googleapis\.com$/, /(^|\.)push\.services\.mozilla\.com$/, /(^|\.)notify\.windows\.com$/, /(^|\.)push\.apple\.com$/];

export const MAX_SUBSCRIPTIONS_PER_USER = 10;

export function isAllowedEndpoint(endpoint: string): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  const extra = (env().PUSH_EXTRA_ENDPOINT_HOSTS ?? "")
    .split(",")
    .map((host) => host.trim())
    .filter(Boolean);
  if (extra.includes(url.hostname)) return url.protocol === "https:" || url.protocol === "http:";
  return url.protocol === "https:" && url.port === "" && PUSH_SERVICE_HOSTS.some((host) => host.test(url.hostname));
}

/**
 * The VAPID public key a browser subscribes with (the page hands it to the browser), or null when push
 * is not set up on this server: then devices cannot be added and the app works in-app only.
 */
export function pushPublicKey(): string | null {
  return env().VAPID_PUBLIC_KEY ?? null;
}

/**
 * Stores this device's subscription for the user: one row per device, and the same endpoint again
 * updates it. A browser keeps its endpoint across accounts, so a row of someone else's moves to this
 * user — but only when the keys match too: the endpoint alone must not let anyone take over a device.
 * The browser's time zone is saved as well: quiet hours are in it.
 */
export async function saveSubscription(userId: string, input: SubscribeInput): Promise<void> {
  if (!pushPublicKey()) throw new ExpectedError("Push notifications are not set up on this server.");
  if (!isAllowedEndpoint(input.endpoint)) throw new ExpectedError("This browser’s push service is not one we can send to.");
  const count = await db().pushSubscription.count({ where: { userId, endpoint: { not: input.endpoint } } });
  if (count >= MAX_SUBSCRIPTIONS_PER_USER)
    throw new ExpectedError(`You can get notifications on at most ${MAX_SUBSCRIPTIONS_PER_USER} devices. Remove one first.`);
  const existing = await db().pushSubscription.findUnique({ where: { endpoint: input.endpoint }, select: { userId: true, p256dh: true, auth: true } });
  if (existing && existing.userId !== userId && (existing.p256dh !== input.p256dh || existing.auth !== input.auth)) {
    throw new ExpectedError("This device could not be registered. Turn notifications off and on again in your browser.");
  }
  const data = { userId, p256dh: input.p256dh, auth: input.auth, label: input.label };
  await db().$transaction([
    db().pushSubscription.upsert({ where: { endpoint: input.endpoint }, create: { ...data, endpoint: input.endpoint }, update: data, select: { id: true } }),
    db().user.update({ where: { id: userId }, data: { timeZone: input.timeZone }, select: { id: true } }),
  ]);
}

export async function listDevices(userId: string): Promise<DeviceView[]> {
  return db().pushSubscription.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { id: true, label: true, createdAt: true } });
}

/** Removes one of the user's own devices; someone else's id is "not found". */
export async function removeDevice(userId: string, subscriptionId: string): Promise<void> {
  const { count } = await db().pushSubscription.deleteMany({ where: { id: subscriptionId, userId } });
  if (count === 0) throw new NotFoundError();
}

/** Turning push off in this browser: its row goes, if it is the user's. */
export async function removeDeviceByEndpoint(userId: string, endpoint: string): Promise<void> {
  await db().pushSubscription.deleteMany({ where: { endpoint, userId } });
}

/** Whether this browser's endpoint is one of the user's devices: the page asks, so no endpoint is ever sent to it. */
export async function isUsersDevice(userId: string, endpoint: string): Promise<boolean> {
  return (await db().pushSubscription.count({ where: { endpoint, userId } })) > 0;
}
