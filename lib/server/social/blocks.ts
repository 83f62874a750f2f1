import "server-only";
import { NotFoundError } from "../errors";
import { forgetNotificationsAbout } from "../live/notifications";
import { deleteRequestsBetween, lockPair, unfriend } from "./relationships";
import { statement, transaction } from "../sql";

/** A friendship or a request either way between the viewer ($1) and someone ($2). */
const CONNECTED = statement(
  `SELECT 1 AS one WHERE EXISTS (SELECT 1 FROM friendships WHERE owner_id = $2 AND friend_id = $1)
      OR EXISTS (SELECT 1 FROM friend_requests WHERE (sender_id = $2 AND recipient_id = $1) OR (sender_id = $1 AND recipient_id = $2))`,
  ["uuid", "uuid"],
  { one: "int4" },
);
const BLOCK = statement("INSERT INTO blocks (blocker_id, blocked_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", ["uuid", "uuid", "timestamptz"]);
const UNBLOCK = statement("DELETE FROM blocks WHERE blocker_id = $1 AND blocked_id = $2", ["uuid", "uuid"]);
const WITHDRAW_OPEN_INVITES = statement("UPDATE invites SET revoked_at = $2 WHERE inviter_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL", [
  "uuid",
  "timestamptz",
]);

/**
 * Blocks someone the viewer has a connection with (a friend, or a request either way) — there is no
 * blocking of arbitrary ids, which would let anyone probe which accounts exist. From then on the two
 * are strangers: the friendship and any requests end, neither inbox keeps anything about the other,
 * and the blocker's open invite links are withdrawn.
 */
export async function blockUser(viewerId: string, targetId: string): Promise<void> {
  await transaction(async (tx) => {
    await lockPair(tx, viewerId, targetId);
    const [connected] = await tx.rows(CONNECTED, [viewerId, targetId]);
    if (!connected) throw new NotFoundError();
    await tx.run(BLOCK, [viewerId, targetId, new Date()]);
    await unfriend(tx, viewerId, targetId);
    await deleteRequestsBetween(tx, viewerId, targetId);
    await forgetNotificationsAbout(tx, viewerId, targetId);
    await forgetNotificationsAbout(tx, targetId, viewerId);
    // An invite link may already be in their hands: opened signed out it would still show the
    // blocker's name, and a fresh account could use it. The blocker's open links are withdrawn.
    await tx.run(WITHDRAW_OPEN_INVITES, [viewerId, new Date()]);
  });
}

/** Lifts a block the viewer made. The two stay strangers until one of them reconnects. */
export async function unblockUser(viewerId: string, targetId: string): Promise<void> {
  await transaction(async (tx) => {
    await lockPair(tx, viewerId, targetId);
    if ((await tx.run(UNBLOCK, [viewerId, targetId])) === 0) throw new NotFoundError();
  });
}
