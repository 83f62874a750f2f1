import "server-only";
import { db } from "./db";
import { wakeUsers } from "./notifications";
import { verifyPassword } from "./passwords";
import { DELETE_ACCOUNT_ATTEMPTS_PER_USER, enforce, forgetAccount } from "./rate-limit";
import { inTransaction } from "./relationships";

/**
 * Deletes every plan of the user, with its area, now. Matches stay (they hold no place, and their plan
 * links become empty) until the sweeper's time: the 6-hour cooldown they carry is what stops "delete,
 * post again elsewhere" from re-telling a friend. The ledger stays too, and so does the daily area
 * budget (keyed hashes, no area): deleting must not hand a prober fresh answers (area-budget.ts).
 */
export async function deleteLocationData(userId: string): Promise<{ intents: number }> {
  const { count } = await db().intent.deleteMany({ where: { userId } });
  return { intents: count };
}

export const WRONG_PASSWORD = "That password is not right.";

/**
 * Deletes the account and, through the foreign keys (ON DELETE CASCADE / SET NULL), every row that
 * refers to it: sessions (signed out everywhere), friendships both ways, requests, blocks, invites,
 * plans, matches, the ledger both ways, and notifications in other people's inboxes that name the
 * user. tests/integration/deletion.test.ts walks the catalogue to prove nothing is left.
 * Returns false, and deletes nothing, when the password is wrong.
 */
export async function deleteAccount(userId: string, password: string): Promise<boolean> {
  // Every attempt counts before the password is checked, so parallel guesses cannot slip past the limit.
  await enforce(DELETE_ACCOUNT_ATTEMPTS_PER_USER, userId);
  const user = await db().user.findUnique({ where: { id: userId }, select: { email: true, passwordHash: true } });
  if (!user || !(await verifyPassword(user.passwordHash, password))) return false;
  await inTransaction(async (tx) => {
    const friends = await tx.friendship.findMany({ where: { ownerId: userId }, select: { friendId: true } });
    const requested = await tx.friendRequest.findMany({ where: { senderId: userId }, select: { recipientId: true } });
    await tx.user.delete({ where: { id: userId }, select: { id: true } });
    // Friends' open pages refresh and the user disappears from them.
    const others = [...friends.map((f) => f.friendId), ...requested.map((r) => r.recipientId)];
    if (others.length) await wakeUsers(tx, others);
  });
  // The rate-limit counters kept under this account's keys (HMACs of its id and email) go too.
  await forgetAccount({ id: userId, email: user.email });
  return true;
}
