import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "./db";

// Building blocks of the friend graph, shared by requests, invites and blocks. Every write here takes
// the transaction it belongs to, so a friendship never exists in one direction only.

type Tx = Prisma.TransactionClient;

/**
 * Serialises every change between two people (request, accept, invite, remove, block) for the rest
 * of the transaction. Without it, under READ COMMITTED, an accept racing a block could commit a
 * friendship next to the block. Callers re-read what they checked once they hold the lock.
 */
export async function lockPair(tx: Tx, a: string, b: string): Promise<void> {
  await advisoryLock(tx, pairLockKey(a, b));
}

/** The advisory lock's name for a pair, whichever way round (the matcher takes it in plain SQL too). */
export function pairLockKey(a: string, b: string): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

/** Holds a lock named `key` until the transaction ends. */
export async function advisoryLock(tx: Tx, key: string): Promise<void> {
  // $executeRaw: the function returns `void`, a column type the pg adapter cannot read back.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}

/** True when either user has blocked the other: then each is a stranger to the other. */
export async function isBlockedEitherWay(tx: Tx, a: string, b: string): Promise<boolean> {
  const count = await tx.block.count({
    where: { OR: [{ blockerId: a, blockedId: b }, { blockerId: b, blockedId: a }] },
  });
  return count > 0;
}

export async function areFriends(tx: Tx, a: string, b: string): Promise<boolean> {
  return (await tx.friendship.count({ where: { ownerId: a, friendId: b } })) > 0;
}

/**
 * Makes two users friends (both directions). Pending requests between them are settled, and the
 * "sent you a friend request" notifications they caused go with them.
 */
export async function befriend(tx: Tx, a: string, b: string): Promise<void> {
  await tx.friendship.createMany({
    data: [
      { ownerId: a, friendId: b },
      { ownerId: b, friendId: a },
    ],
    skipDuplicates: true,
  });
  await deleteRequestsBetween(tx, a, b);
  await tx.notification.deleteMany({
    where: { type: "friend_request", OR: [{ userId: a, actorId: b }, { userId: b, actorId: a }] },
  });
}

/** Ends a friendship in both directions; returns whether there was one. */
export async function unfriend(tx: Tx, a: string, b: string): Promise<boolean> {
  const { count } = await tx.friendship.deleteMany({
    where: { OR: [{ ownerId: a, friendId: b }, { ownerId: b, friendId: a }] },
  });
  return count > 0;
}

export async function deleteRequestsBetween(tx: Tx, a: string, b: string): Promise<void> {
  await tx.friendRequest.deleteMany({
    where: { OR: [{ senderId: a, recipientId: b }, { senderId: b, recipientId: a }] },
  });
}

/** Runs `fn` in one transaction; the friend graph's invariants hold at every commit. */
export function inTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db().$transaction(fn);
}
