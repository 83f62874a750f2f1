import "server-only";
import type { NotificationType } from "@/generated/prisma/client";
import { CHANNEL } from "./realtime-postgres";
import { wakeAtCommit } from "./realtime";
import { lockInOrder, statement, type Tx } from "../sql";

// Writing to inboxes, and waking the readers' open pages. Reading them is inbox.ts's.

/** Which notifications also go to the reader's devices (the push job then applies their controls). */
const PUSHED: Record<NotificationType, boolean> = {
  match: true,
  match_answer: true,
  match_on_way: true,
  match_spot: true,
  match_message: true,
  match_off: true,
  ask: true,
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
// calls it for every candidate alike), which also wakes the readers' open pages at commit: through
// its NOTIFY (realtime-postgres.ts), or the engine publishes once it has committed (realtime-nats.ts).
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
 * the readers' open pages when `tx` commits. Takes every reader's inbox lock first, unless `tx`
 * holds it already (`locked`: users whose inbox lock the caller took, with inboxLockKeys).
 */
export async function notify(tx: Tx, notices: Notice[], { locked = [] }: { locked?: string[] } = {}): Promise<void> {
  const readers = notices.map((notice) => notice.userId);
  const held = new Set(locked);
  const toLock = readers.filter((reader) => !held.has(reader));
  if (toLock.length) await lockInboxes(tx, toLock);
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
    wakeAtCommit(tx, [...new Set(readers)]),
  ]);
}

/**
 * The names of the lock every transaction that writes to a user's inbox takes before it does, held
 * to its commit, in the one order they are taken (each transaction's after its pair locks). A
 * notification's id is taken at insert but seen at commit: without the lock, a lower id could commit
 * after a higher one that a live stream had already sent, and the stream — which reads "newer than
 * the last id sent" — would never send it. With it, one person's notifications commit in id order.
 */
export function inboxLockKeys(userIds: string[]): string[] {
  // Postgres reads a uuid in either case; the name must not depend on it.
  return [...new Set(userIds.map((userId) => userId.toLowerCase()))].sort().map((userId) => `inbox:${userId}`);
}

/** Takes these users' inbox locks (one statement, whatever the count). */
async function lockInboxes(tx: Tx, userIds: string[]): Promise<void> {
  await lockInOrder(tx, inboxLockKeys(userIds));
}

const WAKE = statement("SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload", ["text", "text[]"]);

/**
 * Wakes the live streams of these users (in any app process) after the transaction commits. It
 * carries no content: listeners read what is new from the notifications table.
 */
export async function wakeUsers(tx: Tx, userIds: string[]): Promise<void> {
  const payloads = wakeAtCommit(tx, userIds);
  if (payloads.length) await tx.run(WAKE, [CHANNEL, payloads]);
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
