import { setTimeout as sleep } from "node:timers/promises";
import type pg from "pg";
import { sealNotificationId } from "@/lib/server/live/notification-ids";
import type { LiveClient } from "./live-client";
import type { Member } from "./world";

// After the load: wait until the system is quiet — every plan matched (those whose match step died
// with the app or the database are left to the app's safety net, which runs every 30 s) and every
// stream has everything its person's inbox holds — or until the time is up; then compare each
// person's notifications in the database with what their stream received.

const POLL_MS = 500;
/** Ample for a match step that follows a post's answer to have run. */
const MATCH_STEP_MS = 1_000;
/** After everything has arrived: how long to keep listening for late duplicates. */
const LISTEN_ON_MS = 2_000;

export type Delivery = {
  /** Notification rows in the database for the scenario's people. */
  expected: number;
  /** Distinct notification ids the streams received. */
  received: number;
  /** In someone's inbox, never received by their stream. */
  lost: number;
  /** Received by a stream more than once (each extra copy counts). */
  duplicated: number;
  /** Received by a stream, but not a row of that person's inbox. */
  unexpected: number;
  /** Plans still not matched (their match step never ran). */
  unmatched: number;
  /** Plans not matched when the load ended: their match step died with the app or the database (the safety net's work). */
  orphaned: number;
  /** Notifications made since the fault began. */
  sinceFault: number;
};

/** Waits (at most `timeoutMs`) for quiet, then compares the inboxes with what the streams received. */
export async function settle(
  pool: pg.Pool,
  members: Member[],
  clients: LiveClient[],
  { faultAt, timeoutMs }: { faultAt: Date; timeoutMs: number },
): Promise<Delivery> {
  const deadline = Date.now() + timeoutMs;
  await sleep(MATCH_STEP_MS); // the last posts' match steps (run after their answers) finish
  const { unmatched: orphaned } = await compare(pool, members, clients, faultAt);
  for (;;) {
    const delivery = await compare(pool, members, clients, faultAt);
    if ((delivery.unmatched === 0 && delivery.lost === 0) || Date.now() > deadline) break;
    await sleep(POLL_MS);
  }
  await sleep(LISTEN_ON_MS);
  return { ...(await compare(pool, members, clients, faultAt)), orphaned };
}

async function compare(pool: pg.Pool, members: Member[], clients: LiveClient[], faultAt: Date): Promise<Omit<Delivery, "orphaned">> {
  const userIds = members.map((member) => member.userId);
  const { rows } = await pool.query<{ userId: string; id: string; sinceFault: boolean }>(
    `SELECT user_id AS "userId", id::text, created_at >= $2 AS "sinceFault" FROM notifications WHERE user_id = ANY($1::uuid[])`,
    [userIds, faultAt],
  );
  const {
    rows: [plans],
  } = await pool.query<{ unmatched: number }>(
    "SELECT count(*)::int AS unmatched FROM plans WHERE user_id = ANY($1::uuid[]) AND matched_at IS NULL AND ends_at > now()",
    [userIds],
  );
  const inbox = new Map(userIds.map((id) => [id, new Set<string>()]));
  // Streams carry ids sealed for their reader (the app and this test share AUTH_SECRET).
  for (const row of rows) inbox.get(row.userId)!.add(sealNotificationId(row.userId, BigInt(row.id)));
  const delivery = {
    expected: rows.length,
    received: 0,
    lost: 0,
    duplicated: 0,
    unexpected: 0,
    unmatched: plans!.unmatched,
    sinceFault: rows.filter((row) => row.sinceFault).length,
  };
  members.forEach((member, index) => {
    const received = clients[index]!.received;
    const distinct = new Set(received);
    const expected = inbox.get(member.userId)!;
    delivery.received += distinct.size;
    delivery.duplicated += received.length - distinct.size;
    for (const id of expected) if (!distinct.has(id)) delivery.lost++;
    for (const id of distinct) if (!expected.has(id)) delivery.unexpected++;
  });
  return delivery;
}
