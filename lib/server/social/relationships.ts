import "server-only";
import { lock, statement, type Sql, type Tx } from "../sql";

// Building blocks of the friend graph, shared by requests, invites and blocks. Every write here takes
// the transaction it belongs to, so a friendship never exists in one direction only.

/**
 * Serialises every change between two people (request, accept, invite, remove, block) for the rest
 * of the transaction. Without it, under READ COMMITTED, an accept racing a block could commit a
 * friendship next to the block. Callers re-read what they checked once they hold the lock.
 */
export async function lockPair(tx: Tx, a: string, b: string): Promise<void> {
  await lock(tx, pairLockKey(a, b));
}

/** The advisory lock's name for a pair, whichever way round (the matcher takes it too). */
export function pairLockKey(a: string, b: string): string {
  // Postgres reads a uuid in either case; the key must not depend on it.
  [a, b] = [a.toLowerCase(), b.toLowerCase()];
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

/** Blocks between two people, either way: who blocked. */
export const BLOCKS_BETWEEN = statement(
  'SELECT blocker_id AS "blockerId" FROM blocks WHERE (blocker_id = $1 AND blocked_id = $2) OR (blocker_id = $2 AND blocked_id = $1)',
  ["uuid", "uuid"],
  { blockerId: "uuid" },
);

/** True when either user has blocked the other: then each is a stranger to the other. */
export async function isBlockedEitherWay(on: Sql, a: string, b: string): Promise<boolean> {
  return (await on.rows(BLOCKS_BETWEEN, [a, b])).length > 0;
}

const FRIENDSHIP = statement("SELECT 1 AS one FROM friendships WHERE owner_id = $1 AND friend_id = $2", ["uuid", "uuid"], { one: "int4" });

export async function areFriends(on: Sql, a: string, b: string): Promise<boolean> {
  return (await on.rows(FRIENDSHIP, [a, b])).length > 0;
}

const BEFRIEND = statement("INSERT INTO friendships (owner_id, friend_id, created_at) VALUES ($1, $2, $3), ($2, $1, $3) ON CONFLICT DO NOTHING", [
  "uuid",
  "uuid",
  "timestamptz",
]);
const FORGET_REQUEST_NOTIFICATIONS = statement(
  "DELETE FROM notifications WHERE type = 'friend_request' AND ((user_id = $1 AND actor_id = $2) OR (user_id = $2 AND actor_id = $1))",
  ["uuid", "uuid"],
);

/**
 * Makes two users friends (both directions). Pending requests between them are settled, and the
 * "sent you a friend request" notifications they caused go with them.
 */
export async function befriend(tx: Tx, a: string, b: string): Promise<void> {
  await tx.run(BEFRIEND, [a, b, new Date()]);
  await deleteRequestsBetween(tx, a, b);
  await tx.run(FORGET_REQUEST_NOTIFICATIONS, [a, b]);
}

const UNFRIEND = statement("DELETE FROM friendships WHERE (owner_id = $1 AND friend_id = $2) OR (owner_id = $2 AND friend_id = $1)", ["uuid", "uuid"]);

// Their matches close for good: both sides out (nobody is told: the friendship is what ended), and
// what they wrote to each other deleted — being friends again later reopens nothing said before.
const CLOSE_MATCHES_BETWEEN = statement(
  `WITH pair AS (SELECT id FROM matches WHERE (user_low_id = $1 AND user_high_id = $2) OR (user_low_id = $2 AND user_high_id = $1)),
   closed AS (UPDATE match_members SET out_at = coalesce(out_at, $3) WHERE match_id IN (SELECT id FROM pair))
   DELETE FROM match_messages WHERE match_id IN (SELECT id FROM pair)`,
  ["uuid", "uuid", "timestamptz"],
);

/** Ends a friendship in both directions, and closes the two people's matches; returns whether there was one. */
export async function unfriend(tx: Tx, a: string, b: string): Promise<boolean> {
  const ended = (await tx.run(UNFRIEND, [a, b])) > 0;
  await tx.run(CLOSE_MATCHES_BETWEEN, [a, b, new Date()]);
  return ended;
}

const DELETE_REQUESTS_BETWEEN = statement(
  "DELETE FROM friend_requests WHERE (sender_id = $1 AND recipient_id = $2) OR (sender_id = $2 AND recipient_id = $1)",
  ["uuid", "uuid"],
);

export async function deleteRequestsBetween(tx: Tx, a: string, b: string): Promise<void> {
  await tx.run(DELETE_REQUESTS_BETWEEN, [a, b]);
}
