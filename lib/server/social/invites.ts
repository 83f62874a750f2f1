import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import type { InviteLanding, InviteView } from "@/lib/views/invites";
import { db } from "../db";
import { ExpectedError, NotFoundError } from "../errors";
import { notify } from "../live/notifications";
import { enforce, INVITES_PER_USER } from "../rate-limit";
import { areFriends, befriend, isBlockedEitherWay, lockPair } from "./relationships";
import { lock, sql, statement, transaction } from "../sql";

export const INVITE_LIFETIME_DAYS = 7;
export const MAX_OPEN_INVITES = 20;

// 32 random bytes in base64url: 43 characters. Anything else is refused before touching the database.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const INVALID = "This invite link can’t be used. It may have expired, been withdrawn or already been used — ask your friend for a new one.";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

function openInviteWhere(now: Date) {
  return { revokedAt: null, acceptedAt: null, expiresAt: { gt: now }, inviter: { disabledAt: null } } satisfies Prisma.InviteWhereInput;
}

// Open: neither withdrawn, used nor expired, and the inviter's account still active (openInviteWhere).
const OPEN_INVITES = statement(
  `SELECT count(*)::int AS open FROM invites i JOIN users u ON u.id = i.inviter_id
   WHERE i.inviter_id = $1 AND i.revoked_at IS NULL AND i.accepted_at IS NULL AND i.expires_at > $2 AND u.disabled_at IS NULL`,
  ["uuid", "timestamptz"],
  { open: "int4" },
);
const OPEN_INVITE = statement(
  `SELECT i.id, i.inviter_id AS "inviterId", u.display_name AS "displayName" FROM invites i JOIN users u ON u.id = i.inviter_id
   WHERE i.token_hash = $1 AND i.revoked_at IS NULL AND i.accepted_at IS NULL AND i.expires_at > $2 AND u.disabled_at IS NULL`,
  ["text", "timestamptz"],
  { id: "uuid", inviterId: "uuid", displayName: "text" },
);
const INSERT_INVITE = statement(
  "INSERT INTO invites (id, token_hash, inviter_id, expires_at, created_at) VALUES (gen_random_uuid(), $1, $2, $3, $4) RETURNING id",
  ["text", "uuid", "timestamptz", "timestamptz"],
  { id: "uuid" },
);
const CLAIM_INVITE = statement(
  `UPDATE invites SET accepted_at = $2, accepted_by_id = $3
   WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $2`,
  ["uuid", "timestamptz", "uuid"],
);

/** Creates a single-use invite link token. Only its hash is stored: the link is shown once. */
export async function createInvite(inviterId: string): Promise<{ id: string; token: string; expiresAt: Date }> {
  return transaction(async (tx) => {
    // One inviter at a time, so concurrent clicks cannot pass the cap together.
    await lock(tx, `invites:${inviterId}`);
    const [{ open } = { open: 0 }] = await tx.rows(OPEN_INVITES, [inviterId, new Date()]);
    if (open >= MAX_OPEN_INVITES) {
      throw new ExpectedError(`You have ${MAX_OPEN_INVITES} open invite links. Withdraw one before making another.`);
    }
    // Withdrawing and re-making links is limited too, so the cap above cannot be cycled endlessly.
    await enforce(INVITES_PER_USER, inviterId);
    const token = randomBytes(32).toString("base64url");
    const now = new Date();
    const expiresAt = new Date(now.getTime() + INVITE_LIFETIME_DAYS * 24 * 60 * 60 * 1000);
    const [{ id }] = (await tx.rows(INSERT_INVITE, [hashToken(token), inviterId, expiresAt, now])) as [{ id: string }];
    return { id, token, expiresAt };
  });
}

export async function listOpenInvites(inviterId: string): Promise<InviteView[]> {
  return db().invite.findMany({
    where: { inviterId, ...openInviteWhere(new Date()) },
    select: { id: true, createdAt: true, expiresAt: true },
    orderBy: { createdAt: "desc" },
  });
}

export async function revokeInvite(inviterId: string, inviteId: string): Promise<void> {
  const { count } = await db().invite.updateMany({
    where: { id: inviteId, inviterId, revokedAt: null, acceptedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new NotFoundError();
}

/** What the invite page shows `viewerId` (null when signed out) for a token. */
export async function getInviteLanding(token: string, viewerId: string | null): Promise<InviteLanding> {
  if (!TOKEN_SHAPE.test(token)) return { status: "invalid" };
  const invite = await db().invite.findFirst({
    where: { tokenHash: hashToken(token), ...openInviteWhere(new Date()) },
    select: { inviterId: true, inviter: { select: { displayName: true, handle: true } } },
  });
  if (!invite) return { status: "invalid" };
  if (viewerId === null) return { status: "open", inviter: invite.inviter };
  if (viewerId === invite.inviterId) return { status: "own" };
  // Someone blocked either way gets exactly what a dead link gets.
  if (await isBlockedEitherWay(sql, viewerId, invite.inviterId)) return { status: "invalid" };
  const friends = await areFriends(sql, viewerId, invite.inviterId);
  return { status: friends ? "already-friends" : "open", inviter: invite.inviter };
}

/** Accepts an invite: the two become friends and the link is used up. Returns the inviter's name. */
export async function acceptInvite(viewerId: string, token: string): Promise<string> {
  if (!TOKEN_SHAPE.test(token)) throw new ExpectedError(INVALID);
  return transaction(async (tx) => {
    const now = new Date();
    const [invite] = await tx.rows(OPEN_INVITE, [hashToken(token), now]);
    if (!invite) throw new ExpectedError(INVALID);
    if (invite.inviterId !== viewerId) await lockPair(tx, viewerId, invite.inviterId);
    if (await isBlockedEitherWay(tx, viewerId, invite.inviterId)) throw new ExpectedError(INVALID);
    if (invite.inviterId === viewerId) throw new ExpectedError("This is your own invite link. Send it to a friend instead.");
    if (await areFriends(tx, viewerId, invite.inviterId)) throw new ExpectedError(`You’re already friends with ${invite.displayName}.`);
    // The claim is one conditional update, so two people racing for one link cannot both win.
    if ((await tx.run(CLAIM_INVITE, [invite.id, now, viewerId])) === 0) throw new ExpectedError(INVALID);
    await befriend(tx, viewerId, invite.inviterId);
    await notify(tx, [{ userId: invite.inviterId, type: "invite_accepted", actorId: viewerId }]);
    return invite.displayName;
  });
}
