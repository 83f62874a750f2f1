import "server-only";
import { NotFoundError } from "./errors";
import { forgetNotificationsAbout } from "./notifications";
import { deleteRequestsBetween, inTransaction, unfriend } from "./relationships";

/**
 * Blocks someone the viewer has a connection with (a friend, or a request either way) — there is no
 * blocking of arbitrary ids, which would let anyone probe which accounts exist. From then on the two
 * are strangers: the friendship and any requests end, and neither inbox keeps anything about the other.
 */
export async function blockUser(viewerId: string, targetId: string): Promise<void> {
  await inTransaction(async (tx) => {
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
  });
}

/** Lifts a block the viewer made. The two stay strangers until one of them reconnects. */
export async function unblockUser(viewerId: string, targetId: string): Promise<void> {
  await inTransaction(async (tx) => {
    const { count } = await tx.block.deleteMany({ where: { blockerId: viewerId, blockedId: targetId } });
    if (count === 0) throw new NotFoundError();
  });
}
