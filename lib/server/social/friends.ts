import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { FriendsOverview } from "@/lib/views/friends";
import type { Reach } from "@/lib/views/plans";
import { db } from "../db";
import { ExpectedError, NotFoundError } from "../errors";
import { forgetNotificationsAbout, notify, wakeUsers } from "../live/notifications";
import { consume, enforce, FRIEND_REQUESTS_PER_PAIR, FRIEND_REQUESTS_PER_SENDER } from "../rate-limit";
import { areFriends, befriend, BLOCKS_BETWEEN, lockPair, unfriend } from "./relationships";
import { sql, statement, transaction } from "../sql";

// Friends and friend requests. Authorization lives inside each query's `where` (the viewer must be
// the owner, recipient or sender); anything else is answered exactly like a missing row.

const personSelect = { id: true, displayName: true, handle: true } satisfies Prisma.UserSelect;

/** A friend made within this long and not marked close is asked about (components/friends/close-prompt.tsx). */
export const ASK_CLOSE_WITHIN_MS = 7 * 24 * 3_600_000;

export async function getFriendsOverview(viewerId: string, now = new Date()): Promise<FriendsOverview> {
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
  const recently = new Date(now.getTime() - ASK_CLOSE_WITHIN_MS);
  return {
    friends: friendships.map((f) => ({ ...f.friend, close: f.close, since: f.createdAt })),
    askClose: friendships.filter((f) => !f.close && f.createdAt > recently).map((f) => f.friend),
    incoming: incoming.map((r) => ({ ...r.sender, id: r.id, userId: r.sender.id, createdAt: r.createdAt })),
    outgoing: outgoing.map((r) => ({ ...r.recipient, id: r.id, userId: r.recipient.id, createdAt: r.createdAt })),
    blocked: blocks.map((b) => b.blocked),
  };
}

const REACH = statement(
  `SELECT count(*)::int AS friends, count(*) FILTER (WHERE f.close)::int AS close
   FROM friendships f JOIN users u ON u.id = f.friend_id WHERE f.owner_id = $1 AND u.disabled_at IS NULL`,
  ["uuid"],
  { friends: "int4", close: "int4" },
);

/** How many friends the viewer has (as their friends page lists them), and how many they marked close. */
export async function getReach(viewerId: string): Promise<Reach> {
  const [reach] = await sql.rows(REACH, [viewerId]);
  return reach ?? { friends: 0, close: 0 };
}

// The same words whether the handle is free, hidden from search, or its owner blocked the sender.
export function unknownHandleMessage(handle: string): string {
  return `No one can be added as @${handle}. Check the spelling, or ask them for an invite link.`;
}

export type SendRequestResult = { outcome: "sent" | "befriended"; displayName: string };

const USER_BY_HANDLE = statement(
  `SELECT id, display_name AS "displayName", handle, discoverable, disabled_at AS "disabledAt" FROM users WHERE handle = $1`,
  ["text"],
  { id: "uuid", displayName: "text", handle: "text", discoverable: "bool", disabledAt: "timestamptz?" },
);
const REQUEST_FROM_TO = statement("SELECT id FROM friend_requests WHERE sender_id = $1 AND recipient_id = $2", ["uuid", "uuid"], { id: "uuid" });
const INSERT_REQUEST = statement("INSERT INTO friend_requests (id, sender_id, recipient_id, created_at) VALUES (gen_random_uuid(), $1, $2, $3)", [
  "uuid",
  "uuid",
  "timestamptz",
]);

export async function sendFriendRequest(senderId: string, handle: string): Promise<SendRequestResult> {
  // Counted before the lookup, so probing for handles costs the same as sending requests.
  await enforce(FRIEND_REQUESTS_PER_SENDER, senderId);

  return transaction(async (tx) => {
    const [target] = await tx.rows(USER_BY_HANDLE, [handle]);
    if (target?.id === senderId) throw new ExpectedError("That’s your own handle.");
    if (!target || target.disabledAt) throw new ExpectedError(unknownHandleMessage(handle));
    await lockPair(tx, senderId, target.id);
    if (await areFriends(tx, senderId, target.id)) throw new ExpectedError(`You’re already friends with ${target.displayName}.`);

    const blocks = await tx.rows(BLOCKS_BETWEEN, [senderId, target.id]);
    if (blocks.some((b) => b.blockerId === senderId)) throw new ExpectedError(`You’ve blocked @${handle}. Unblock them first.`);
    if (blocks.length > 0) throw new ExpectedError(unknownHandleMessage(handle));

    // They already asked us: adding them back is accepting.
    const [reverse] = await tx.rows(REQUEST_FROM_TO, [target.id, senderId]);
    if (reverse) {
      await befriend(tx, senderId, target.id);
      await notify(tx, [{ userId: target.id, type: "friend_accepted", actorId: senderId }]);
      return { outcome: "befriended", displayName: target.displayName };
    }
    if (!target.discoverable) throw new ExpectedError(unknownHandleMessage(handle));

    const [existing] = await tx.rows(REQUEST_FROM_TO, [senderId, target.id]);
    if (existing) throw new ExpectedError(`You’ve already sent @${handle} a request.`);
    // A declined request can be sent again, but not so often that declining stops meaning anything.
    const again = await consume(FRIEND_REQUESTS_PER_PAIR, `${senderId}:${target.id}`);
    if (!again.allowed) throw new ExpectedError(`You’ve asked @${handle} several times lately. Give them some time.`);
    await tx.run(INSERT_REQUEST, [senderId, target.id, new Date()]);
    await notify(tx, [{ userId: target.id, type: "friend_request", actorId: senderId }]);
    return { outcome: "sent", displayName: target.displayName };
  });
}

const REQUEST_TO_ME = statement(
  `SELECT r.sender_id AS "senderId", u.display_name AS "displayName" FROM friend_requests r JOIN users u ON u.id = r.sender_id
   WHERE r.id = $1 AND r.recipient_id = $2 AND u.disabled_at IS NULL`,
  ["uuid", "uuid"],
  { senderId: "uuid", displayName: "text" },
);
const REQUEST_FROM_ME = statement('SELECT recipient_id AS "recipientId" FROM friend_requests WHERE id = $1 AND sender_id = $2', ["uuid", "uuid"], {
  recipientId: "uuid",
});
const DELETE_REQUEST_TO = statement("DELETE FROM friend_requests WHERE id = $1 AND recipient_id = $2", ["uuid", "uuid"]);
const DELETE_REQUEST_FROM = statement("DELETE FROM friend_requests WHERE id = $1 AND sender_id = $2", ["uuid", "uuid"]);

/** Accepts a request addressed to the viewer; returns the new friend's name. */
export async function acceptFriendRequest(viewerId: string, requestId: string): Promise<string> {
  return transaction(async (tx) => {
    const [request] = await tx.rows(REQUEST_TO_ME, [requestId, viewerId]);
    if (!request) throw new NotFoundError();
    await lockPair(tx, viewerId, request.senderId);
    // Claim the request by deleting it, under the lock: a concurrent block, cancel or second accept
    // that got there first leaves nothing to claim.
    if ((await tx.run(DELETE_REQUEST_TO, [requestId, viewerId])) !== 1) throw new NotFoundError();
    await befriend(tx, viewerId, request.senderId);
    await notify(tx, [{ userId: request.senderId, type: "friend_accepted", actorId: viewerId }]);
    return request.displayName;
  });
}

const ANY_REQUEST_TO_ME = statement('SELECT sender_id AS "senderId" FROM friend_requests WHERE id = $1 AND recipient_id = $2', ["uuid", "uuid"], {
  senderId: "uuid",
});

/** Declines a request addressed to the viewer. The sender is not told. */
export async function declineFriendRequest(viewerId: string, requestId: string): Promise<void> {
  await transaction(async (tx) => {
    const [request] = await tx.rows(ANY_REQUEST_TO_ME, [requestId, viewerId]);
    if (!request) throw new NotFoundError();
    await lockPair(tx, viewerId, request.senderId);
    if ((await tx.run(DELETE_REQUEST_TO, [requestId, viewerId])) !== 1) throw new NotFoundError();
    await forgetNotificationsAbout(tx, viewerId, request.senderId, "friend_request");
  });
}

/** Withdraws a request the viewer sent, and the notification it caused. */
export async function cancelFriendRequest(viewerId: string, requestId: string): Promise<void> {
  await transaction(async (tx) => {
    const [request] = await tx.rows(REQUEST_FROM_ME, [requestId, viewerId]);
    if (!request) throw new NotFoundError();
    await lockPair(tx, viewerId, request.recipientId);
    if ((await tx.run(DELETE_REQUEST_FROM, [requestId, viewerId])) !== 1) throw new NotFoundError();
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
  const removed = await transaction(async (tx) => {
    await lockPair(tx, viewerId, friendId);
    return unfriend(tx, viewerId, friendId);
  });
  if (!removed) throw new NotFoundError();
}
