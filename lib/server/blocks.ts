import "server-only";
import { NotFoundError } from "./errors";
import { forgetNotificationsAbout } from "./notifications";
import { deleteRequestsBetween, inTransaction, lockPair, unfriend } from "./relationships";

/**
 * Blocks someone the viewer has a connection with (a friend, or a request either way) — there is no
 * blocking of arbitrary ids, which would let anyone probe which accounts exist. From then on the two
 * are strangers: the friendship and any requests end, neither inbox keeps anything about the other,
 * and the blocker's open invite links are withdrawn.
 */
export async function blockUser(viewerId: string, targetId: string): Promise<void> {
  await inTransaction(async (tx) => {
    await lockPair(tx, viewerId, targetId);
    const connected = await tx.user.count({
      where: {
        id: targetId,
        OR: [
          { friendships: { some: { friendId: viewerId } } },
          { sentRequests: { some: { recipientId: viewerId } } },
          { receivedRequests: { some: { senderId: viewerId } } },
        ],
      },
    });
    if (!connected) throw new NotFoundError();
    await tx.block.createMany({ data: [{ blockerId: viewerId, blockedId: targetId }], skipDuplicates: true });
    await unfriend(tx, viewerId, targetId);
    await deleteRequestsBetween(tx, viewerId, targetId);
    await forgetNotificationsAbout(tx, viewerId, targetId);
    await forgetNotificationsAbout(tx, targetId, viewerId);
    // An invite link may already be in their hands: opened signed out it would still show the
    // blocker's name, and a fresh account could use it. The blocker's open links are withdrawn.
    await tx.invite.updateMany({ where: { inviterId: viewerId, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
  });
}

/** Lifts a block the viewer made. The two stay strangers until one of them reconnects. */
export async function unblockUser(viewerId: string, targetId: string): Promise<void> {
  await inTransaction(async (tx) => {
    await lockPair(tx, viewerId, targetId);
    const { count } = await tx.block.deleteMany({ where: { blockerId: viewerId, blockedId: targetId } });
    if (count === 0) throw new NotFoundError();
  });
}
