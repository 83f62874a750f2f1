import "server-only";
import { db } from "../db";
import { wakeUsers } from "../live/notifications";
import { dropOut, tellMatchesAccountGone } from "../matches/drop-outs";
import { verifyPassword } from "../auth/passwords";
import { lockAreas } from "../plans/area-budget";
import { DELETE_ACCOUNT_ATTEMPTS_PER_USER, enforce, forgetAccount } from "../rate-limit";
import { statement, transaction } from "../sql";

// The account row goes (and everything that refers to it, through the foreign keys); returns the
// people whose pages showed the user: friends, and those the user had sent a request to.
const DELETE_ACCOUNT = statement(
  `WITH others AS (
     SELECT friend_id AS id FROM friendships WHERE owner_id = $1
     UNION ALL SELECT recipient_id FROM friend_requests WHERE sender_id = $1),
   gone AS (DELETE FROM users WHERE id = $1 RETURNING id)
   SELECT others.id FROM others, gone`,
  ["uuid"],
  { id: "uuid" },
);

/**
 * Deletes every plan and standing plan of the user, with its area, and the meeting spots they suggested, now; friends in
 * their open matches are told "out". Matches stay (they hold no place, and their plan
 * links become empty) until the sweeper's time: the 6-hour cooldown they carry is what stops "delete,
 * post again elsewhere" from re-telling a friend. The ledger stays too, and so does the daily area
 * budget (keyed hashes, no area): deleting must not hand a prober fresh answers (area-budget.ts).
 */
export async function deleteLocationData(userId: string, now = new Date()): Promise<{ plans: number; standing: number }> {
  return transaction(async (tx) => {
    // As a post and the standing-plan job take it: a week's plan being made waits, then is deleted too.
    await lockAreas(tx, userId);
    // Each friend in one of the user's open matches is told "out" (lib/server/matches/drop-outs.ts).
    await dropOut(tx, userId, "all", now);
    // The meeting spots the user typed are places too (the ledger keeps what friends were shown).
    await tx.run(DELETE_SPOTS, [userId]);
    // Standing plans hold a chosen area: they go too (their weeks' plans with the rest, below).
    const standing = await tx.run(DELETE_STANDING_PLANS, [userId]);
    return { plans: (await tx.rows(DELETE_PLANS, [userId])).length, standing };
  });
}

const DELETE_PLANS = statement("DELETE FROM plans WHERE user_id = $1 RETURNING id", ["uuid"], { id: "uuid" });
const DELETE_STANDING_PLANS = statement("DELETE FROM standing_plans WHERE user_id = $1", ["uuid"]);
const DELETE_SPOTS = statement("DELETE FROM match_messages WHERE sender_id = $1 AND kind = 'spot'", ["uuid"]);

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
  await transaction(async (tx) => {
    // Friends in the user's open matches are told they are off, before the name goes.
    await tellMatchesAccountGone(tx, userId);
    // Friends' open pages refresh and the user disappears from them.
    const others = await tx.rows(DELETE_ACCOUNT, [userId]);
    if (others.length)
      await wakeUsers(
        tx,
        others.map((other) => other.id),
      );
  });
  // The rate-limit counters kept under this account's keys (HMACs of its id and email) go too.
  await forgetAccount({ id: userId, email: user.email });
  return true;
}
