import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { intentsOverlap, type MatchableIntent } from "@/lib/matching";
import { db } from "./db";
import { wakeUsers } from "./notifications";
import { inTransaction, lockPair } from "./relationships";

// The matcher: for one intent, find friends' intents that overlap in activity, time and place, where
// each side's audience admits the other, nobody is blocked or paused, and both are still active —
// then create each match exactly once, with both notifications and both disclosure-ledger rows, in
// one transaction per pair.

/** The same two people are told about the same activity at most once in this long. */
export const PAIR_COOLDOWN_MS = 6 * 60 * 60 * 1000;

type Row = MatchableIntent & { id: string; userId: string };

// Friends both ways, each audience admitting the other, no block either way, owner not paused or
// disabled, same activity, windows meeting at all (the 15-minute and distance rules are applied in
// code: lib/matching.ts). Everything that decides *who* may see whom is in this one query.
async function candidatesFor(intent: Row & { audience: "close" | "friends" }, now: Date): Promise<Row[]> {
  return db().$queryRaw<Row[]>`
    SELECT i.id, i.user_id AS "userId", i.activity, i.starts_at AS "startsAt", i.ends_at AS "endsAt",
           i.cell, i.travel_km AS "travelKm"
    FROM intents i
    JOIN friendships mine   ON mine.owner_id = ${intent.userId}::uuid AND mine.friend_id = i.user_id
    JOIN friendships theirs ON theirs.owner_id = i.user_id AND theirs.friend_id = ${intent.userId}::uuid
    JOIN users u ON u.id = i.user_id
    WHERE i.activity = ${intent.activity}
      AND i.user_id <> ${intent.userId}::uuid
      AND i.ends_at > ${now}
      AND i.starts_at < ${intent.endsAt}
      AND i.ends_at > ${intent.startsAt}
      AND (${intent.audience} = 'friends' OR mine.close)
      AND (i.audience = 'friends' OR theirs.close)
      AND u.disabled_at IS NULL
      AND (u.paused_until IS NULL OR u.paused_until <= ${now})
      AND NOT EXISTS (
        SELECT 1 FROM blocks b
        WHERE (b.blocker_id = ${intent.userId}::uuid AND b.blocked_id = i.user_id)
           OR (b.blocker_id = i.user_id AND b.blocked_id = ${intent.userId}::uuid))`;
}

/** Runs the matcher for one intent; returns how many matches it created. Safe to run again. */
export async function matchIntent(intentId: string, now = new Date()): Promise<number> {
  const intent = await db().intent.findFirst({
    where: { id: intentId, endsAt: { gt: now }, user: { disabledAt: null } },
    select: {
      id: true,
      userId: true,
      activity: true,
      startsAt: true,
      endsAt: true,
      cell: true,
      travelKm: true,
      audience: true,
      user: { select: { pausedUntil: true } },
    },
  });
  if (!intent) return 0;
  let created = 0;
  const paused = intent.user.pausedUntil !== null && intent.user.pausedUntil > now;
  if (!paused) {
    for (const other of await candidatesFor(intent, now)) {
      if (intentsOverlap(intent, other) && (await createMatch(intent, other, now))) created++;
    }
  }
  // Paused intents are marked too: they are not matched later when the pause ends (by design, the
  // other side's later posts still find them once sharing is back on).
  await db().intent.updateMany({ where: { id: intent.id, matchedAt: null }, data: { matchedAt: now } });
  return created;
}

async function createMatch(a: Row, b: Row, now: Date): Promise<boolean> {
  const [low, high] = a.userId < b.userId ? [a, b] : [b, a];
  try {
    return await inTransaction(async (tx) => {
      await lockPair(tx, low.userId, high.userId);
      // Re-check under the lock: either intent may have been cancelled, or the friendship ended.
      const still = await tx.intent.count({ where: { id: { in: [low.id, high.id] }, endsAt: { gt: now } } });
      const friends = await tx.friendship.count({ where: { ownerId: low.userId, friendId: high.userId } });
      if (still !== 2 || friends === 0) return false;
      const recent = await tx.match.count({
        where: {
          userLowId: low.userId,
          userHighId: high.userId,
          activity: low.activity,
          createdAt: { gt: new Date(now.getTime() - PAIR_COOLDOWN_MS) },
        },
      });
      if (recent > 0) return false;

      const match = await tx.match.create({
        data: { userLowId: low.userId, userHighId: high.userId, intentLowId: low.id, intentHighId: high.id, activity: low.activity },
        select: { id: true },
      });
      for (const [subject, reader] of [
        [low, high],
        [high, low],
      ] as const) {
        // Each reader is told the subject's activity and window, and "in your area" — nothing else.
        const disclosure = await tx.disclosure.create({
          data: {
            subjectId: subject.userId,
            recipientId: reader.userId,
            matchId: match.id,
            activity: subject.activity,
            startsAt: subject.startsAt,
            endsAt: subject.endsAt,
          },
          select: { id: true },
        });
        await tx.notification.create({
          // Also pushed to the reader's devices, if their push controls allow (lib/server/push/delivery.ts).
          data: { userId: reader.userId, type: "match", actorId: subject.userId, disclosureId: disclosure.id, push: "pending" },
          select: { id: true },
        });
      }
      await wakeUsers(tx, [low.userId, high.userId]);
      return true;
    });
  } catch (error) {
    // The twin of a match another run just created (unique intent pair): nothing to do.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
    throw error;
  }
}

export const SAFETY_NET_DELAY_MS = 10_000;
export const SAFETY_NET_BATCH = 100;

/**
 * Re-runs the matcher for active intents that were never matched (the process died between the
 * intent's commit and its matcher run). One failure does not stop the batch.
 */
export async function runMatchSafetyNet(now = new Date()): Promise<{ matched: number; failed: number }> {
  const pending = await db().intent.findMany({
    where: { matchedAt: null, endsAt: { gt: now }, createdAt: { lt: new Date(now.getTime() - SAFETY_NET_DELAY_MS) } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: SAFETY_NET_BATCH,
  });
  let matched = 0;
  let failed = 0;
  for (const { id } of pending) {
    try {
      matched += await matchIntent(id, now);
    } catch (error) {
      failed++;
      console.error("Safety-net matching failed for an intent:", (error as Error).message);
    }
  }
  return { matched, failed };
}
