import "server-only";
import type { NotificationType, Prisma } from "@/generated/prisma/client";
import type { InboxState, NotificationView } from "@/lib/views/notifications";
import { db } from "./db";
import { openNotificationId, sealerFor } from "./notification-ids";
import { CHANNEL } from "./realtime";
import { advisoryLock } from "./relationships";
import { rows } from "./sql";

type Tx = Prisma.TransactionClient;

export const NOTIFICATION_PAGE_SIZE = 50;

// Still importable from here for my-data.ts; new code imports it from lib/views.
export type { NotificationView };

// Text is composed when read, from the actor's current name: a renamed or deleted friend is never
// frozen into someone else's inbox.
function describe(type: NotificationType, actorName: string, activity?: string): { text: string; href: string } {
  switch (type) {
    case "match":
      // Who, what and "in your area" — never a distance, never a cell.
      return { text: `${actorName} is up for ${activity ?? "it"} too — in your area`, href: "/now" };
    case "friend_request":
      return { text: `${actorName} sent you a friend request`, href: "/friends#requests" };
    case "friend_accepted":
      return { text: `${actorName} accepted your friend request`, href: "/friends" };
    case "invite_accepted":
      return { text: `${actorName} accepted your invite — you’re now friends`, href: "/friends" };
  }
}

/** Writes a notification to `userId`'s inbox and wakes their open pages, when `tx` commits. */
export async function notify(tx: Tx, userId: string, type: NotificationType, actorId: string): Promise<void> {
  await advisoryLock(tx, inboxLockKey(userId));
  await tx.notification.create({ data: { userId, type, actorId }, select: { id: true } });
  await wakeUsers(tx, [userId]);
}

/**
 * The lock every transaction that writes to a user's inbox takes before it does, held to its commit.
 * A notification's id is taken at insert but seen at commit: without the lock, a lower id could
 * commit after a higher one that a live stream had already sent, and the stream — which reads
 * "newer than the last id sent" — would never send it. With it, one person's notifications commit in
 * id order. Taken last in every transaction, and by the matcher in user-id order, so no two wait on
 * each other.
 */
export function inboxLockKey(userId: string): string {
  return `inbox:${userId}`;
}

/** A NOTIFY payload must stay under 8000 bytes: this many user ids (39 bytes each) per message. */
const WAKE_CHUNK = 150;

/**
 * Wakes the live streams of these users (in any app process) after the transaction commits. It
 * carries no content: listeners read what is new from the notifications table.
 */
export async function wakeUsers(tx: Tx, userIds: string[]): Promise<void> {
  for (const payload of wakePayloads(userIds)) await tx.$executeRaw`SELECT pg_notify(${CHANNEL}, ${payload})`;
}

/** The NOTIFY payloads that wake these users' live streams (JSON arrays of ids, each under the size limit). */
export function wakePayloads(userIds: string[]): string[] {
  const payloads = [];
  for (let start = 0; start < userIds.length; start += WAKE_CHUNK) payloads.push(JSON.stringify(userIds.slice(start, start + WAKE_CHUNK)));
  return payloads;
}

/** Removes what `userId`'s inbox says about `actorId` (after a block, or a cancelled request). */
export async function forgetNotificationsAbout(tx: Tx, userId: string, actorId: string, type?: NotificationType): Promise<void> {
  await tx.notification.deleteMany({ where: { userId, actorId, ...(type ? { type } : {}) } });
}

const notificationSelect = {
  id: true,
  type: true,
  createdAt: true,
  readAt: true,
  actor: { select: { displayName: true } },
  disclosure: { select: { activity: true, startsAt: true, endsAt: true } },
} satisfies Prisma.NotificationSelect;

type NotificationRow = Prisma.NotificationGetPayload<{ select: typeof notificationSelect }>;

function toView(row: NotificationRow, seal: (id: bigint) => string): NotificationView {
  return {
    id: seal(row.id),
    ...describe(row.type, row.actor?.displayName ?? "Someone", row.disclosure?.activity),
    createdAt: row.createdAt,
    unread: row.readAt === null,
    ...(row.disclosure ? { window: { startsAt: row.disclosure.startsAt, endsAt: row.disclosure.endsAt } } : {}),
  };
}

/** The viewer's newest notifications, newest first. */
export async function listNotifications(viewerId: string): Promise<NotificationView[]> {
  const rows = await db().notification.findMany({
    where: { userId: viewerId, actorId: { not: null } },
    orderBy: { id: "desc" },
    take: NOTIFICATION_PAGE_SIZE,
    select: notificationSelect,
  });
  const seal = sealerFor(viewerId);
  return rows.map((row) => toView(row, seal));
}

/** A notification and its place in its reader's inbox (the row id: server-side only). */
export type InboxEntry = { position: bigint; view: NotificationView };

/** The viewer's notifications after `position`, oldest first (what a live stream has not sent yet). */
export async function listNotificationsAfter(viewerId: string, position: bigint): Promise<InboxEntry[]> {
  const rows = await db().notification.findMany({
    where: { userId: viewerId, actorId: { not: null }, id: { gt: position } },
    orderBy: { id: "asc" },
    take: NOTIFICATION_PAGE_SIZE,
    select: notificationSelect,
  });
  const seal = sealerFor(viewerId);
  return rows.map((row) => ({ position: row.id, view: toView(row, seal) }));
}

/** The position of the viewer's newest notification (0 when there is none): where a fresh stream starts. */
export async function latestNotificationPosition(viewerId: string): Promise<bigint> {
  const row = await db().notification.findFirst({ where: { userId: viewerId }, orderBy: { id: "desc" }, select: { id: true } });
  return row?.id ?? 0n;
}

/**
 * What the signed-in layout shows on every page: the unread count, and the newest notification id
 * (sealed) as the page was rendered — where its live stream starts, so that one that cannot connect
 * at first still gets everything made after the page, once it does. Plain SQL (lib/server/sql.ts).
 */
export async function getInboxState(viewerId: string): Promise<InboxState> {
  const [result] = await rows<{ unread: number; latest: string }>(
    `SELECT count(*) FILTER (WHERE read_at IS NULL AND actor_id IS NOT NULL)::int AS unread, coalesce(max(id), 0)::text AS latest
     FROM notifications WHERE user_id = $1`,
    [viewerId],
  );
  return { unread: result?.unread ?? 0, latestId: sealerFor(viewerId)(BigInt(result?.latest ?? 0)) };
}

/** Marks read what the viewer was shown: notifications up to and including the one `upTo` names. */
export async function markReadUpTo(viewerId: string, upTo: string): Promise<void> {
  // An id sealed for someone else, or made up, names nothing: nothing to mark.
  const position = openNotificationId(viewerId, upTo);
  if (position === null) return;
  await db().notification.updateMany({ where: { userId: viewerId, readAt: null, id: { lte: position } }, data: { readAt: new Date() } });
}

/** These notifications as their readers see them (for pushes of them), by row id; one whose actor is gone is left out. */
export async function getNotificationViews(notificationIds: bigint[]): Promise<Map<string, NotificationView>> {
  if (notificationIds.length === 0) return new Map();
  const rows = await db().notification.findMany({
    where: { id: { in: notificationIds }, actorId: { not: null } },
    select: { ...notificationSelect, userId: true },
  });
  return new Map(rows.map((row) => [row.id.toString(), toView(row, sealerFor(row.userId))]));
}
