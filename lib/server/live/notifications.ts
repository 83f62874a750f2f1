import "server-only";
import type { NotificationType, Prisma } from "@/generated/prisma/client";
import type { InboxState, NotificationView } from "@/lib/views/notifications";
import { activityTitle, answerWords, onTheWayWords, outWords } from "@/lib/meetup-words";
import type { Answer } from "@/lib/views/matches";
import { db } from "../db";
import { openNotificationId, sealerFor } from "./notification-ids";
import { CHANNEL } from "./realtime";
import { sql, statement, type Tx } from "../sql";

export const NOTIFICATION_PAGE_SIZE = 50;

// Text is composed when read, from the actor's current name: a renamed or deleted friend is never
// frozen into someone else's inbox.
type About = { activity?: string; detail: string | null; said?: string | null; matchId: string | null };

function describe(type: NotificationType, actorName: string | null, about: About): { text: string; href: string } {
  const name = actorName ?? "Someone";
  const activity = about.activity ?? (type === "match_off" ? about.detail : null) ?? "it";
  const matchPage = about.matchId ? `/matches/${about.matchId}` : "/plans";
  const aboutMatch = (words: string) => ({ text: `${activityTitle(activity)}: ${words}`, href: matchPage });
  switch (type) {
    case "match":
      // Who, what and "in your area" — never a distance, never a cell.
      return { text: `${name} is up for ${activity} too — in your area`, href: matchPage };
    case "match_answer":
      return aboutMatch(answerWords(name, about.detail as Answer) ?? `${name} answered`);
    case "match_on_way":
      return aboutMatch(onTheWayWords(name, Number(about.detail)));
    case "match_spot":
      return aboutMatch(`${name} suggests meeting at “${about.said ?? ""}”`);
    case "match_message":
      return aboutMatch(`${name}: “${about.said ?? ""}”`);
    case "match_off":
      // No actor: their account is gone, and its name with it.
      return aboutMatch(actorName ? outWords(actorName) : "your match is off");
    case "friend_request":
      return { text: `${name} sent you a friend request`, href: "/friends#requests" };
    case "friend_accepted":
      return { text: `${name} accepted your friend request`, href: "/friends" };
    case "invite_accepted":
      return { text: `${name} accepted your invite — you’re now friends`, href: "/friends" };
  }
}

/** Which notifications also go to the reader's devices (the push job then applies their controls). */
const PUSHED: Record<NotificationType, boolean> = {
  match: true,
  match_answer: true,
  match_on_way: true,
  match_spot: true,
  match_message: true,
  match_off: true,
  friend_request: false,
  friend_accepted: false,
  invite_accepted: false,
};

/**
 * One notification to write: who reads it, what kind, about whom (null: someone whose account is
 * gone), for a match what the reader was told and which match, and for an answer its `detail`.
 */
export type Notice = {
  userId: string;
  type: NotificationType;
  actorId: string | null;
  disclosureId?: string | null;
  matchId?: string | null;
  detail?: string | null;
};

// Every notification is written here. One statement whatever the count (none included: the matcher
// calls it for every candidate alike), which also wakes the readers' open pages at commit.
const INSERT_AND_WAKE = statement(
  `WITH added AS (
     INSERT INTO notifications (user_id, type, actor_id, disclosure_id, match_id, detail, push, created_at)
     SELECT *, $8 FROM unnest($1::uuid[], $2::"NotificationType"[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::"PushState"[])
     RETURNING 1)
   SELECT pg_notify($9, payload) FROM unnest($10::text[]) AS payload WHERE EXISTS (SELECT 1 FROM added)`,
  ["uuid[]", "NotificationType[]", "uuid[]", "uuid[]", "uuid[]", "text[]", "PushState[]", "timestamptz", "text", "text[]"],
);

/**
 * Writes these notifications to their readers' inboxes, each pushed or not by its kind, and wakes
 * the readers' open pages when `tx` commits. Takes every reader's inbox lock first, and those of
 * `alsoLock`: the matcher names both people of a pair for every candidate alike, so a match and a
 * non-match take the same locks.
 */
export async function notify(tx: Tx, notices: Notice[], alsoLock: string[] = []): Promise<void> {
  const readers = notices.map((notice) => notice.userId);
  await lockInboxes(tx, [...readers, ...alsoLock]);
  await tx.run(INSERT_AND_WAKE, [
    readers,
    notices.map((notice) => notice.type),
    notices.map((notice) => notice.actorId),
    notices.map((notice) => notice.disclosureId ?? null),
    notices.map((notice) => notice.matchId ?? null),
    notices.map((notice) => notice.detail ?? null),
    notices.map((notice) => (PUSHED[notice.type] ? "pending" : "none")),
    new Date(),
    CHANNEL,
    wakePayloads([...new Set(readers)]),
  ]);
}

const LOCK_INBOXES = statement(`SELECT pg_advisory_xact_lock(hashtextextended('inbox:' || reader, 0)) FROM unnest($1::text[]) AS reader`, ["text[]"]);

/**
 * Takes the lock every transaction that writes to a user's inbox takes before it does, held to its
 * commit, for each of these users in user-id order (one statement, whatever the count). A
 * notification's id is taken at insert but seen at commit: without the lock, a lower id could commit
 * after a higher one that a live stream had already sent, and the stream — which reads "newer than
 * the last id sent" — would never send it. With it, one person's notifications commit in id order.
 * Taken last in every transaction (after the pair lock), and always in user-id order, so no two
 * transactions wait on each other.
 */
async function lockInboxes(tx: Tx, userIds: string[]): Promise<void> {
  await tx.run(LOCK_INBOXES, [[...new Set(userIds)].sort()]);
}

/** A NOTIFY payload must stay under 8000 bytes: this many user ids (39 bytes each) per message. */
const WAKE_CHUNK = 150;

const WAKE = statement("SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload", ["text", "text[]"]);

/**
 * Wakes the live streams of these users (in any app process) after the transaction commits. It
 * carries no content: listeners read what is new from the notifications table.
 */
export async function wakeUsers(tx: Tx, userIds: string[]): Promise<void> {
  await tx.run(WAKE, [CHANNEL, wakePayloads(userIds)]);
}

/** The NOTIFY payloads that wake these users' live streams (JSON arrays of ids, each under the size limit). */
function wakePayloads(userIds: string[]): string[] {
  const payloads = [];
  for (let start = 0; start < userIds.length; start += WAKE_CHUNK) payloads.push(JSON.stringify(userIds.slice(start, start + WAKE_CHUNK)));
  return payloads;
}

/** Removes what `userId`'s inbox says about `actorId` (after a block, or a cancelled request). */
export async function forgetNotificationsAbout(tx: Tx, userId: string, actorId: string, type: NotificationType | null = null): Promise<void> {
  await tx.run(FORGET, [userId, actorId, type]);
}

const FORGET = statement('DELETE FROM notifications WHERE user_id = $1 AND actor_id = $2 AND ($3::"NotificationType" IS NULL OR type = $3)', [
  "uuid",
  "uuid",
  "NotificationType?",
]);

const notificationSelect = {
  id: true,
  type: true,
  createdAt: true,
  readAt: true,
  actorId: true,
  detail: true,
  actor: { select: { displayName: true } },
  disclosure: { select: { activity: true, startsAt: true, endsAt: true, said: true } },
  userId: true,
  match: { select: { id: true, activity: true } },
} satisfies Prisma.NotificationSelect;

// The inbox page also shows which are off now: it reads the match's "out" notices (the reader was
// told the actor is out only while they could see the match). Live events and pushes do not say
// it, and do without the extra read.
const inboxSelect = {
  ...notificationSelect,
  match: { select: { id: true, activity: true, notifications: { where: { type: "match_off" }, select: { userId: true, actorId: true } } } },
} satisfies Prisma.NotificationSelect;

type InboxRow = Prisma.NotificationGetPayload<{ select: typeof inboxSelect }>;
type NotificationRow = Omit<InboxRow, "match"> & {
  match: (Omit<NonNullable<InboxRow["match"]>, "notifications"> & Partial<Pick<NonNullable<InboxRow["match"]>, "notifications">>) | null;
};

/** What an inbox shows: notifications about someone, and "your match is off" after an account is gone (no one to name). */
const SHOWN = { OR: [{ actorId: { not: null } }, { type: "match_off" }] } satisfies Prisma.NotificationWhereInput;

function toView(row: NotificationRow, seal: (id: bigint) => string): NotificationView {
  const about = { activity: row.disclosure?.activity ?? row.match?.activity, detail: row.detail, said: row.disclosure?.said, matchId: row.match?.id ?? null };
  // A match, an answer or a message from someone whose plan has since gone off says so — once the
  // reader was told (a removed friend is not: the match is closed to them, and so is this).
  const off = row.type !== "match_off" && (row.match?.notifications?.some((notice) => notice.userId === row.userId && notice.actorId === row.actorId) ?? false);
  return {
    id: seal(row.id),
    ...describe(row.type, row.actor?.displayName ?? null, about),
    createdAt: row.createdAt,
    unread: row.readAt === null,
    ...(row.type === "match" && row.disclosure ? { window: { startsAt: row.disclosure.startsAt, endsAt: row.disclosure.endsAt } } : {}),
    ...(off ? { off: true } : {}),
  };
}

/** The viewer's newest notifications, newest first. */
export async function listNotifications(viewerId: string): Promise<NotificationView[]> {
  const rows = await db().notification.findMany({
    where: { userId: viewerId, ...SHOWN },
    orderBy: { id: "desc" },
    take: NOTIFICATION_PAGE_SIZE,
    select: inboxSelect,
  });
  const seal = sealerFor(viewerId);
  return rows.map((row) => toView(row, seal));
}

/** A notification and its place in its reader's inbox (the row id: server-side only). */
export type InboxEntry = { position: bigint; view: NotificationView };

/** The viewer's notifications after `position`, oldest first (what a live stream has not sent yet). */
export async function listNotificationsAfter(viewerId: string, position: bigint): Promise<InboxEntry[]> {
  const rows = await db().notification.findMany({
    where: { userId: viewerId, ...SHOWN, id: { gt: position } },
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
  const [result] = await sql.rows(INBOX_STATE, [viewerId]);
  return { unread: result?.unread ?? 0, latestId: sealerFor(viewerId)(BigInt(result?.latest ?? 0)) };
}

const INBOX_STATE = statement(
  `SELECT count(*) FILTER (WHERE read_at IS NULL AND (actor_id IS NOT NULL OR type = 'match_off'))::int AS unread, coalesce(max(id), 0)::text AS latest
   FROM notifications WHERE user_id = $1`,
  ["uuid"],
  { unread: "int4", latest: "text" },
);

/** Marks read what the viewer was shown: notifications up to and including the one `upTo` names. */
export async function markReadUpTo(viewerId: string, upTo: string): Promise<void> {
  // An id sealed for someone else, or made up, names nothing: nothing to mark.
  const position = openNotificationId(viewerId, upTo);
  if (position === null) return;
  await db().notification.updateMany({ where: { userId: viewerId, readAt: null, id: { lte: position } }, data: { readAt: new Date() } });
}

/** These notifications as their readers see them (for pushes of them), by row id; one whose actor is gone is left out (unless it says a match is off). */
export async function getNotificationViews(notificationIds: bigint[]): Promise<Map<string, NotificationView>> {
  if (notificationIds.length === 0) return new Map();
  const rows = await db().notification.findMany({
    where: { id: { in: notificationIds }, ...SHOWN },
    select: notificationSelect,
  });
  return new Map(rows.map((row) => [row.id.toString(), toView(row, sealerFor(row.userId))]));
}
