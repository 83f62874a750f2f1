import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { FriendsOverview } from "@/lib/views/friends";
import { db } from "./db";
import { ExpectedError, NotFoundError } from "./errors";
import { forgetNotificationsAbout, notify, wakeUsers } from "./notifications";
import { consume, enforce, FRIEND_REQUESTS_PER_PAIR, FRIEND_REQUESTS_PER_SENDER } from "./rate-limit";
import { areFriends, befriend, inTransaction, lockPair, unfriend } from "./relationships";

// Friends and friend requests. Authorization lives inside each query's `where` (the viewer must be
// the owner, recipient or sender); anything else is answered exactly like a missing row.

const personSelect = { id: true, displayName: true, handle: true } satisfies Prisma.UserSelect;

export async function getFriendsOverview(viewerId: string): Promise<FriendsOverview> {
  const [friendships, incoming, outgoing, blocks] = await Promise.all([
    db().friendship.findMany({
      where: { ownerId: viewerId, friend: { disabledAt: null } },
      select: { close: true, createdAt: true, friend: { select: personSelect } },
      orderBy: { friend: { displayName: "asc" } },
    }),
    db().friendRequest.findMany({
      where: { recipientId: viewerId, sender: { disabledAt: null } },
      select: { id: true, createdAt: true, sender: { select: personSelect } },
      orderBy: { createdAt: "desc" },
    }),
    db().friendRequest.findMany({
      where: { senderId: viewerId, recipient: { disabledAt: null } },
      select: { id: true, createdAt: true, recipient: { select: personSelect } },
      orderBy: { createdAt: "desc" },
    }),
    db().block.findMany({
      where: { blockerId: viewerId },
      select: { blocked: { select: personSelect } },
      orderBy: { createdAt: "desc" },
    }),
  ]);
  return {
    friends: friendships.map((f) => ({ ...f.friend, close: f.close, since: f.createdAt })),
    incoming: incoming.map((r) => ({ ...r.sender, id: r.id, userId: r.sender.id, createdAt: r.createdAt })),
    outgoing: outgoing.map((r) => ({ ...r.recipient, id: r.id, userId: r.recipient.id, createdAt: r.createdAt })),
    blocked: blocks.map((b) => b.blocked),
  };
}

// The same words whether the handle is free, hidden from search, or its owner blocked the sender.
export function unknownHandleMessage(handle: string): string {
  return `No one can be added as @${handle}. Check the spelling, or ask them for an invite link.`;
}

export type SendRequestResult = { outcome: "sent" | "befriended"; displayName: string };

export async function sendFriendRequest(senderId: string, handle: string): Promise<SendRequestResult> {
  // Counted before the lookup, so probing for handles costs the same as sending requests.
  await enforce(FRIEND_REQUESTS_PER_SENDER, senderId);

  return inTransaction(async (tx) => {
    const target = await tx.user.findUnique({
      where: { handle },
      select: { ...personSelect, discoverable: true, disabledAt: true },
    });
    if (target?.id === senderId) throw new ExpectedError("That’s your own handle.");
    if (!target || target.disabledAt) throw new ExpectedError(unknownHandleMessage(handle));
    await lockPair(tx, senderId, target.id);
    if (await areFriends(tx, senderId, target.id)) throw new ExpectedError(`You’re already friends with ${target.displayName}.`);

    const blocks = await tx.block.findMany({
      where: { OR: [{ blockerId: senderId, blockedId: target.id }, { blockerId: target.id, blockedId: senderId }] },
      select: { blockerId: true },
    });
    if (blocks.some((b) => b.blockerId === senderId)) throw new ExpectedError(`You’ve blocked @${handle}. Unblock them first.`);
    if (blocks.length > 0) throw new ExpectedError(unknownHandleMessage(handle));

    // They already asked us: adding them back is accepting.
    const reverse = await tx.friendRequest.findUnique({
      where: { senderId_recipientId: { senderId: target.id, recipientId: senderId } },
      select: { id: true },
    });
    if (reverse) {
      await befriend(tx, senderId, target.id);
      await notify(tx, target.id, "friend_accepted", senderId);
      return { outcome: "befriended", displayName: target.displayName };
    }
    if (!target.discoverable) throw new ExpectedError(unknownHandleMessage(handle));

    const existing = await tx.friendRequest.count({ where: { senderId, recipientId: target.id } });
    if (existing) throw new ExpectedError(`You’ve already sent @${handle} a request.`);
    // A declined request can be sent again, but not so often that declining stops meaning anything.
    const again = await consume(FRIEND_REQUESTS_PER_PAIR, `${senderId}:${target.id}`);
    if (!again.allowed) throw new ExpectedError(`You’ve asked @${handle} several times lately. Give them some time.`);
    await tx.friendRequest.create({ data: { senderId, recipientId: target.id }, select: { id: true } });
    await notify(tx, target.id, "friend_request", senderId);
    return { outcome: "sent", displayName: target.displayName };
  });
}

/** Accepts a request addressed to the viewer; returns the new friend's name. */
export async function acceptFriendRequest(viewerId: string, requestId: string): Promise<string> {
  return inTransaction(async (tx) => {
    const request = await tx.friendRequest.findFirst({
      where: { id: requestId, recipientId: viewerId, sender: { disabledAt: null } },
      select: { sender: { select: personSelect } },
    });
    if (!request) throw new NotFoundError();
    await lockPair(tx, viewerId, request.sender.id);
    // Claim the request by deleting it, under the lock: a concurrent block, cancel or second accept
    // that got there first leaves nothing to claim.
    const { count } = await tx.friendRequest.deleteMany({ where: { id: requestId, recipientId: viewerId } });
    if (count !== 1) throw new NotFoundError();
    await befriend(tx, viewerId, request.sender.id);
    await notify(tx, request.sender.id, "friend_accepted", viewerId);
    return request.sender.displayName;
  });
}

/** Declines a request addressed to the viewer. The sender is not told. */
export async function declineFriendRequest(viewerId: string, requestId: string): Promise<void> {
  await inTransaction(async (tx) => {
    const request = await tx.friendRequest.findFirst({ where: { id: requestId, recipientId: viewerId }, select: { senderId: true } });
    if (!request) throw new NotFoundError();
    await lockPair(tx, viewerId, request.senderId);
    const { count } = await tx.friendRequest.deleteMany({ where: { id: requestId, recipientId: viewerId } });
    if (count !== 1) throw new NotFoundError();
    await forgetNotificationsAbout(tx, viewerId, request.senderId, "friend_request");
  });
}

/** Withdraws a request the viewer sent, and the notification it caused. */
export async function cancelFriendRequest(viewerId: string, requestId: string): Promise<void> {
  await inTransaction(async (tx) => {
    const request = await tx.friendRequest.findFirst({ where: { id: requestId, senderId: viewerId }, select: { recipientId: true } });
    if (!request) throw new NotFoundError();
    await lockPair(tx, viewerId, request.recipientId);
    const { count } = await tx.friendRequest.deleteMany({ where: { id: requestId, senderId: viewerId } });
    if (count !== 1) throw new NotFoundError();
    await forgetNotificationsAbout(tx, request.recipientId, viewerId, "friend_request");
    await wakeUsers(tx, [request.recipientId]); // their open page drops it, as it showed it: at once
  });
}

/** Marks or unmarks a friend as close — the viewer's own, private mark. */
export async function setCloseFriend(viewerId: string, friendId: string, close: boolean): Promise<void> {
  const { count } = await db().friendship.updateMany({ where: { ownerId: viewerId, friendId }, data: { close } });
  if (count === 0) throw new NotFoundError();
}

export async function removeFriend(viewerId: string, friendId: string): Promise<void> {
  const removed = await inTransaction(async (tx) => {
    await lockPair(tx, viewerId, friendId);
    return unfriend(tx, viewerId, friendId);
  });
  if (!removed) throw new NotFoundError();
}
