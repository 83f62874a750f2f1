import pg from "pg";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { blockUser, unblockUser } from "@/lib/server/social/blocks";
import { db, pool } from "@/lib/server/db";
import { acceptFriendRequest, getFriendsOverview, sendFriendRequest, unknownHandleMessage } from "@/lib/server/social/friends";
import { acceptInvite, createInvite, getInviteLanding, listOpenInvites, MAX_OPEN_INVITES, revokeInvite } from "@/lib/server/social/invites";
import { getInboxState, listNotifications, markReadUpTo } from "@/lib/server/live/inbox";
import { closeDatabase, resetDatabase } from "../support/db";
import { person, type Person } from "../support/people";

beforeEach(resetDatabase);
afterAll(closeDatabase);

const INVALID = /invite link can’t be used/;
const NOT_FOUND = /couldn’t find that/;

async function befriended(a: Person, b: Person) {
  await sendFriendRequest(a.id, b.handle);
  const request = await db().friendRequest.findFirstOrThrow({ where: { senderId: a.id } });
  await acceptFriendRequest(b.id, request.id);
}

describe("invite links", () => {
  it("shows who invited you, then accepting makes you friends and uses the link up", async () => {
    const [alice, bob, carol] = [await person("Alice"), await person("Bob"), await person("Carol")];
    const { token, expiresAt } = await createInvite(alice.id);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    expect(await getInviteLanding(token, null)).toEqual({ status: "open", inviter: { displayName: "Alice", handle: alice.handle } });
    expect(await getInviteLanding(token, alice.id)).toEqual({ status: "own" });

    expect(await acceptInvite(bob.id, token)).toBe("Alice");
    expect((await getFriendsOverview(alice.id)).friends.map((f) => f.handle)).toEqual([bob.handle]);
    expect((await listNotifications(alice.id)).map((n) => n.text)).toEqual(["Bob accepted your invite — you’re now friends"]);
    expect(await listOpenInvites(alice.id)).toEqual([]);
    // single use: the next person gets the dead-link page and the link is no longer listed
    expect(await getInviteLanding(token, carol.id)).toEqual({ status: "invalid" });
    await expect(acceptInvite(carol.id, token)).rejects.toThrow(INVALID);
  });

  it("stores only a hash of the token", async () => {
    const alice = await person("Alice");
    const { token } = await createInvite(alice.id);
    const { rows } = await pool().query("SELECT * FROM invites");
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("an expired link changes nothing", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    const { token } = await createInvite(alice.id);
    await db().invite.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getInviteLanding(token, bob.id)).toEqual({ status: "invalid" });
    await expect(acceptInvite(bob.id, token)).rejects.toThrow(INVALID);
    expect(await db().friendship.count()).toBe(0);
  });

  it("a revoked link changes nothing, and only its maker can revoke it", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    const { token } = await createInvite(alice.id);
    const [invite] = await listOpenInvites(alice.id);
    await expect(revokeInvite(bob.id, invite!.id)).rejects.toThrow(NOT_FOUND);
    await revokeInvite(alice.id, invite!.id);
    await expect(acceptInvite(bob.id, token)).rejects.toThrow(INVALID);
    await expect(revokeInvite(alice.id, invite!.id)).rejects.toThrow(NOT_FOUND);
    expect(await db().friendship.count()).toBe(0);
  });

  it("malformed tokens are refused without a match", async () => {
    const bob = await person("Bob");
    for (const token of ["", "short", "x".repeat(43) + "y", "../../etc/passwd", "a".repeat(42) + "!"]) {
      expect(await getInviteLanding(token, bob.id)).toEqual({ status: "invalid" });
      await expect(acceptInvite(bob.id, token)).rejects.toThrow(INVALID);
    }
  });

  it("you cannot accept your own link, and an existing friend is told so without using it up", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    const { token } = await createInvite(alice.id);
    await expect(acceptInvite(alice.id, token)).rejects.toThrow(/your own invite link/);
    await befriended(alice, bob);
    expect(await getInviteLanding(token, bob.id)).toMatchObject({ status: "already-friends" });
    await expect(acceptInvite(bob.id, token)).rejects.toThrow(/already friends/);
    expect(await listOpenInvites(alice.id)).toHaveLength(1);
  });

  it("two people racing for one link: exactly one wins", async () => {
    const alice = await person("Alice");
    const others = await Promise.all(["Bob", "Carol", "Dan", "Erin"].map((name) => person(name)));
    const { token } = await createInvite(alice.id);
    const results = await Promise.allSettled(others.map((p) => acceptInvite(p.id, token)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await getFriendsOverview(alice.id)).friends).toHaveLength(1);
  });

  it("accepting an invite also settles a pending request between the two, and its notification", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await sendFriendRequest(bob.id, alice.handle);
    expect(await listNotifications(alice.id)).toHaveLength(1);
    const { token } = await createInvite(alice.id);
    await acceptInvite(bob.id, token);
    expect(await db().friendRequest.count()).toBe(0);
    expect((await listNotifications(alice.id)).map((n) => n.text)).toEqual(["Bob accepted your invite — you’re now friends"]);
  });

  it(`caps open links at ${MAX_OPEN_INVITES}`, async () => {
    const alice = await person("Alice");
    for (let i = 0; i < MAX_OPEN_INVITES; i++) await createInvite(alice.id);
    await expect(createInvite(alice.id)).rejects.toThrow(/Withdraw one/);
  });
});

describe("notifications", () => {
  it("counts unread, and marks read only up to what was shown", async () => {
    const [alice, bob, carol] = [await person("Alice"), await person("Bob"), await person("Carol")];
    await sendFriendRequest(bob.id, alice.handle);
    const shown = await listNotifications(alice.id);
    await sendFriendRequest(carol.id, alice.handle); // arrives after the page was rendered
    expect((await getInboxState(alice.id)).unread).toBe(2);
    // Alice's ids mean nothing for anyone else: Bob (or a made-up id) marks nothing of hers.
    await markReadUpTo(bob.id, shown[0]!.id);
    await markReadUpTo(alice.id, "A".repeat(22));
    expect((await getInboxState(alice.id)).unread).toBe(2);
    await markReadUpTo(alice.id, shown[0]!.id);
    expect((await getInboxState(alice.id)).unread).toBe(1);
  });
});

describe("blocking", () => {
  it("ends the friendship and any requests, and clears both inboxes of each other", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await befriended(alice, bob);
    expect(await listNotifications(alice.id)).toHaveLength(1);
    await blockUser(alice.id, bob.id);
    expect(await db().friendship.count()).toBe(0);
    expect(await listNotifications(alice.id)).toEqual([]);
    expect(await listNotifications(bob.id)).toEqual([]);
    expect((await getFriendsOverview(alice.id)).blocked.map((p) => p.handle)).toEqual([bob.handle]);
    expect((await getFriendsOverview(bob.id)).blocked).toEqual([]);
  });

  it("can block the sender of a request, which removes it", async () => {
    const [alice, mallory] = [await person("Alice"), await person("Mallory")];
    await sendFriendRequest(mallory.id, alice.handle);
    await blockUser(alice.id, mallory.id);
    expect(await db().friendRequest.count()).toBe(0);
    expect(await listNotifications(alice.id)).toEqual([]);
  });

  it("a blocked user cannot send requests (told the same as an unknown handle) or use an old invite", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    const { token } = await createInvite(alice.id);
    await befriended(alice, bob);
    await blockUser(alice.id, bob.id);
    await expect(sendFriendRequest(bob.id, alice.handle)).rejects.toThrow(unknownHandleMessage(alice.handle));
    expect(await getInviteLanding(token, bob.id)).toEqual({ status: "invalid" });
    await expect(acceptInvite(bob.id, token)).rejects.toThrow(INVALID);
    // …and the blocker is told plainly why their own request would not go out
    await expect(sendFriendRequest(alice.id, bob.handle)).rejects.toThrow(/You’ve blocked/);
  });

  it("cannot block a stranger by id (no probing which accounts exist), and unblocking needs a block", async () => {
    const [alice, stranger] = [await person("Alice"), await person("Stranger")];
    await expect(blockUser(alice.id, stranger.id)).rejects.toThrow(NOT_FOUND);
    await expect(blockUser(alice.id, "00000000-0000-4000-8000-000000000000")).rejects.toThrow(NOT_FOUND);
    await expect(unblockUser(alice.id, stranger.id)).rejects.toThrow(NOT_FOUND);
    expect(await db().block.count()).toBe(0);
  });

  it("an accept racing a block never leaves a friendship next to the block", async () => {
    for (let round = 0; round < 8; round++) {
      const [alice, bob] = [await person("Alice"), await person("Bob")];
      await sendFriendRequest(alice.id, bob.handle);
      const request = await db().friendRequest.findFirstOrThrow({ where: { senderId: alice.id } });
      await Promise.allSettled([acceptFriendRequest(bob.id, request.id), blockUser(alice.id, bob.id)]);
      const blocked = await db().block.count({ where: { blockerId: alice.id } });
      const friendships = await db().friendship.count({ where: { OR: [{ ownerId: alice.id }, { friendId: alice.id }] } });
      expect({ blocked, friendships }).toEqual({ blocked: 1, friendships: 0 });
    }
  });

  it("an accept arriving while a block is being committed finds nothing to accept", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await sendFriendRequest(alice.id, bob.handle);
    const request = await db().friendRequest.findFirstOrThrow({ where: { senderId: alice.id } });
    // Alice's block, held open mid-transaction exactly as blockUser does it (pair lock first).
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query("BEGIN");
    const key = alice.id < bob.id ? `${alice.id}:${bob.id}` : `${bob.id}:${alice.id}`;
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [key]);
    await client.query("INSERT INTO blocks (blocker_id, blocked_id) VALUES ($1, $2)", [alice.id, bob.id]);
    await client.query("DELETE FROM friend_requests WHERE id = $1", [request.id]);
    const accepting = acceptFriendRequest(bob.id, request.id).then(
      () => "accepted",
      (error: Error) => error.message,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await client.query("COMMIT");
    await client.end();
    expect(await accepting).toMatch(NOT_FOUND);
    expect(await db().friendship.count()).toBe(0);
    expect(await listNotifications(alice.id)).toEqual([]);
  });

  it("withdraws the blocker's open invite links, so an old link shows nothing even signed out", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    const { token } = await createInvite(alice.id);
    await befriended(alice, bob);
    await blockUser(alice.id, bob.id);
    expect(await getInviteLanding(token, null)).toEqual({ status: "invalid" });
    expect(await listOpenInvites(alice.id)).toEqual([]);
  });

  it("unblocking leaves them strangers who can connect again", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await befriended(alice, bob);
    await blockUser(bob.id, alice.id);
    await expect(unblockUser(alice.id, bob.id)).rejects.toThrow(NOT_FOUND); // only the blocker can lift it
    await unblockUser(bob.id, alice.id);
    expect(await db().friendship.count()).toBe(0);
    expect((await sendFriendRequest(alice.id, bob.handle)).outcome).toBe("sent");
  });
});
