import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import {
  acceptFriendRequest,
  cancelFriendRequest,
  declineFriendRequest,
  getFriendsOverview,
  removeFriend,
  sendFriendRequest,
  setCloseFriend,
  unknownHandleMessage,
} from "@/lib/server/social/friends";
import { listNotifications } from "@/lib/server/live/inbox";
import { pairLockKey } from "@/lib/server/social/relationships";
import { updatePrivacySettings } from "@/lib/server/privacy/settings";
import { closeDatabase, resetDatabase } from "../support/db";
import { person, type Person } from "../support/people";

beforeEach(resetDatabase);
afterAll(closeDatabase);

const NOT_FOUND = /couldn’t find that/;

async function requestId(from: Person, to: Person) {
  return (await db().friendRequest.findUniqueOrThrow({ where: { senderId_recipientId: { senderId: from.id, recipientId: to.id } } })).id;
}

async function friendsOf(p: Person) {
  return (await getFriendsOverview(p.id)).friends.map((f) => f.handle);
}

describe("friend requests", () => {
  it("request → accept makes both friends, in both directions, and tells each what happened", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    expect(await sendFriendRequest(alice.id, bob.handle)).toEqual({ outcome: "sent", displayName: "Bob" });
    expect((await getFriendsOverview(bob.id)).incoming.map((r) => r.handle)).toEqual([alice.handle]);
    expect((await getFriendsOverview(alice.id)).outgoing.map((r) => r.handle)).toEqual([bob.handle]);
    expect((await listNotifications(bob.id)).map((n) => n.text)).toEqual(["Alice sent you a friend request"]);

    expect(await acceptFriendRequest(bob.id, await requestId(alice, bob))).toBe("Alice");
    expect(await friendsOf(alice)).toEqual([bob.handle]);
    expect(await friendsOf(bob)).toEqual([alice.handle]);
    expect(await db().friendRequest.count()).toBe(0);
    expect((await listNotifications(alice.id)).map((n) => n.text)).toEqual(["Bob accepted your friend request"]);
    expect(await listNotifications(bob.id)).toEqual([]); // the settled request no longer sits in Bob's inbox
  });

  it("decline removes the request and does not tell the sender", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await sendFriendRequest(alice.id, bob.handle);
    await declineFriendRequest(bob.id, await requestId(alice, bob));
    expect(await db().friendRequest.count()).toBe(0);
    expect(await friendsOf(alice)).toEqual([]);
    expect(await listNotifications(alice.id)).toEqual([]);
    expect(await listNotifications(bob.id)).toEqual([]);
  });

  it("cancel withdraws the request and the notification it caused", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await sendFriendRequest(alice.id, bob.handle);
    await cancelFriendRequest(alice.id, await requestId(alice, bob));
    expect(await db().friendRequest.count()).toBe(0);
    expect(await listNotifications(bob.id)).toEqual([]);
  });

  it("asking someone who already asked you accepts their request", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await sendFriendRequest(alice.id, bob.handle);
    expect(await sendFriendRequest(bob.id, `${alice.handle}`)).toEqual({ outcome: "befriended", displayName: "Alice" });
    expect(await friendsOf(alice)).toEqual([bob.handle]);
    expect(await db().friendRequest.count()).toBe(0);
  });

  it("gives a clear message for your own handle, an existing friend and a duplicate request", async () => {
    const [alice, bob, carol] = [await person("Alice"), await person("Bob"), await person("Carol")];
    await expect(sendFriendRequest(alice.id, alice.handle)).rejects.toThrow("That’s your own handle.");
    await sendFriendRequest(alice.id, bob.handle);
    await expect(sendFriendRequest(alice.id, bob.handle)).rejects.toThrow(`You’ve already sent @${bob.handle} a request.`);
    await sendFriendRequest(alice.id, carol.handle);
    await acceptFriendRequest(carol.id, await requestId(alice, carol));
    await expect(sendFriendRequest(alice.id, carol.handle)).rejects.toThrow("You’re already friends with Carol.");
    expect(await db().friendRequest.count()).toBe(1);
  });

  it("an unknown handle, a hidden handle and a handle whose owner blocked you get the very same answer", async () => {
    const [alice, hidden, blocker] = [await person("Alice"), await person("Hidden"), await person("Blocker")];
    await updatePrivacySettings(hidden.id, { discoverable: false });
    await db().block.create({ data: { blockerId: blocker.id, blockedId: alice.id } });
    const answer = async (handle: string) => (await sendFriendRequest(alice.id, handle).catch((error: Error) => error.message)) as string;
    expect(await answer("nobody_here")).toBe(unknownHandleMessage("nobody_here"));
    expect(await answer(hidden.handle)).toBe(unknownHandleMessage(hidden.handle));
    expect(await answer(blocker.handle)).toBe(unknownHandleMessage(blocker.handle));
    expect(await db().friendRequest.count()).toBe(0);
    expect(await db().notification.count()).toBe(0);
  });

  it("turning discovery back on makes the handle reachable again", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await updatePrivacySettings(bob.id, { discoverable: false });
    await expect(sendFriendRequest(alice.id, bob.handle)).rejects.toThrow(unknownHandleMessage(bob.handle));
    await updatePrivacySettings(bob.id, { discoverable: true });
    expect((await sendFriendRequest(alice.id, bob.handle)).outcome).toBe("sent");
  });

  it("after three declines in a week, the sender must wait before asking the same person again", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    for (let i = 0; i < 3; i++) {
      await sendFriendRequest(alice.id, bob.handle);
      await declineFriendRequest(bob.id, await requestId(alice, bob));
    }
    await expect(sendFriendRequest(alice.id, bob.handle)).rejects.toThrow(/several times lately/);
    expect(await listNotifications(bob.id)).toEqual([]);
  });

  it("a disabled account's requests disappear and cannot be accepted", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await sendFriendRequest(alice.id, bob.handle);
    const id = await requestId(alice, bob);
    await db().user.update({ where: { id: alice.id }, data: { disabledAt: new Date() } });
    expect((await getFriendsOverview(bob.id)).incoming).toEqual([]);
    await expect(acceptFriendRequest(bob.id, id)).rejects.toThrow(NOT_FOUND);
  });

  it("limits requests to 30 an hour per sender, counting failed lookups too", async () => {
    const alice = await person("Alice");
    for (let i = 0; i < 30; i++) await sendFriendRequest(alice.id, `nobody_${i}`).catch(() => undefined);
    await expect(sendFriendRequest(alice.id, "nobody_else")).rejects.toThrow(/Too many attempts. Try again in 60 minutes/);
  });

  it("only the recipient can accept or decline, and only the sender can cancel: everyone else gets 'not found'", async () => {
    const [alice, bob, mallory] = [await person("Alice"), await person("Bob"), await person("Mallory")];
    await sendFriendRequest(alice.id, bob.handle);
    const id = await requestId(alice, bob);
    await expect(acceptFriendRequest(mallory.id, id)).rejects.toThrow(NOT_FOUND);
    await expect(acceptFriendRequest(alice.id, id)).rejects.toThrow(NOT_FOUND); // the sender cannot accept for Bob
    await expect(declineFriendRequest(mallory.id, id)).rejects.toThrow(NOT_FOUND);
    await expect(cancelFriendRequest(bob.id, id)).rejects.toThrow(NOT_FOUND);
    await expect(acceptFriendRequest(bob.id, "00000000-0000-4000-8000-000000000000")).rejects.toThrow(NOT_FOUND);
    expect(await db().friendRequest.count()).toBe(1);
    expect(await db().friendship.count()).toBe(0);
  });

  it("serialises changes between two people whichever way and in whichever letter case their ids arrive", () => {
    const [a, b] = ["0b5d3f4e-1c2a-4e6f-8a9b-0c1d2e3f4a5b", "f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b"];
    expect(pairLockKey(b, a)).toBe(pairLockKey(a, b));
    expect(pairLockKey(a.toUpperCase(), b)).toBe(pairLockKey(a, b));
    expect(pairLockKey(b.toUpperCase(), a.toUpperCase())).toBe(pairLockKey(a, b));
  });
});

describe("close friends and removal", () => {
  async function friends() {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await sendFriendRequest(alice.id, bob.handle);
    await acceptFriendRequest(bob.id, await requestId(alice, bob));
    return { alice, bob };
  }

  it("'close' is one-directional: Alice marking Bob close changes nothing on Bob's side", async () => {
    const { alice, bob } = await friends();
    await setCloseFriend(alice.id, bob.id, true);
    expect((await getFriendsOverview(alice.id)).friends[0]?.close).toBe(true);
    expect((await getFriendsOverview(bob.id)).friends[0]?.close).toBe(false);
    await setCloseFriend(bob.id, alice.id, true);
    await setCloseFriend(alice.id, bob.id, false);
    expect((await getFriendsOverview(alice.id)).friends[0]?.close).toBe(false);
    expect((await getFriendsOverview(bob.id)).friends[0]?.close).toBe(true);
  });

  it("nobody can mark themselves close on someone else's side, or mark a non-friend", async () => {
    const { alice, bob } = await friends();
    const mallory = await person("Mallory");
    // Bob cannot set Alice's mark for him: setCloseFriend(viewer = Bob) only ever touches Bob's own row.
    await setCloseFriend(bob.id, alice.id, true);
    expect((await getFriendsOverview(alice.id)).friends[0]?.close).toBe(false);
    await expect(setCloseFriend(mallory.id, alice.id, true)).rejects.toThrow(NOT_FOUND);
  });

  it("removing a friend ends it on both sides at once; removing again is 'not found'", async () => {
    const { alice, bob } = await friends();
    await removeFriend(bob.id, alice.id);
    expect(await friendsOf(alice)).toEqual([]);
    expect(await friendsOf(bob)).toEqual([]);
    await expect(removeFriend(alice.id, bob.id)).rejects.toThrow(NOT_FOUND);
  });
});
