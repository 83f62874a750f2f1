import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { listNotifications } from "@/lib/server/live/inbox";
import { answerMatch, getMatch } from "@/lib/server/matches/meetups";
import { sendMessage } from "@/lib/server/matches/messages";
import { cancelPlan } from "@/lib/server/plans/plans";
import { deleteLocationData } from "@/lib/server/privacy/deletion";
import { pauseSharing } from "@/lib/server/privacy/settings";
import { blockUser } from "@/lib/server/social/blocks";
import { removeFriend } from "@/lib/server/social/friends";
import { pairLockKey } from "@/lib/server/social/relationships";
import { closeDatabase, resetDatabase } from "../support/db";
import { friends, HOUR } from "../support/matching";
import { hold, matched, sleep } from "../support/meetups";

// Races and leftovers around a meet-up: what a friend who controls their own client could try by
// timing requests against a drop-out, a block or a removal.

beforeEach(resetDatabase);
afterAll(closeDatabase);

describe("a removed friend's inbox", () => {
  it("does not show the match going off afterwards", async () => {
    const { alice, bob } = await matched();
    await removeFriend(alice.id, bob.id);
    const before = (await listNotifications(bob.id)).find((n) => n.text.startsWith("Alice is up for surfing"));
    expect(before?.off).toBeUndefined();
    // Alice pauses (ghost mode) — something a friend should never learn, let alone a removed one.
    await pauseSharing(alice.id, new Date(Date.now() + HOUR));
    const after = (await listNotifications(bob.id)).find((n) => n.text.startsWith("Alice is up for surfing"));
    // Claimed: a removed friend gets nothing about the match (same as a match that does not exist).
    expect(after?.off).toBeUndefined();
  });
});

describe("a block racing a drop-out", () => {
  it("either comes first: a blocked Bob is never told 'Alice's out'", async () => {
    const { alice, bob, alicePlan } = await matched();
    // Stall the cancel at Bob's inbox lock; the block commits meanwhile, or waits for the cancel.
    const inbox = await hold(`inbox:${bob.id}`);
    const cancelling = cancelPlan(alice.id, alicePlan);
    await sleep(300);
    const blocking = blockUser(alice.id, bob.id);
    await sleep(300);
    await inbox.release();
    await Promise.all([cancelling, blocking]);
    const leaked = await db().notification.findMany({ where: { userId: bob.id, actorId: alice.id }, select: { type: true, push: true } });
    expect(leaked).toEqual([]);
  });
});

describe("answers and messages racing a drop-out", () => {
  it("a message waiting for the pair's lock is refused once Alice is out", async () => {
    const { alice, bob, matchId, alicePlan } = await matched();
    const pair = await hold(pairLockKey(alice.id, bob.id));
    // The cancel waits for the pair's lock first; Bob's request reads the match (Alice still in), then waits behind it.
    const cancelling = cancelPlan(alice.id, alicePlan);
    await sleep(300);
    const sending = sendMessage(bob.id, matchId, "message", "Still coming?");
    await sleep(300);
    await pair.release();
    await cancelling;
    await sending.catch(() => undefined);
    // Claimed: "X's out, so this meet-up is off" — nothing sent once a side is out.
    expect(await db().matchMessage.count()).toBe(0);
    expect(await db().notification.count({ where: { userId: alice.id, type: "match_message" } })).toBe(0);
  });

  it("an answer waiting for the pair's lock tells Alice nothing once she is out", async () => {
    const { alice, bob, matchId, alicePlan } = await matched();
    const pair = await hold(pairLockKey(alice.id, bob.id));
    // The cancel waits for the pair's lock first; Bob's request reads the match (Alice still in), then waits behind it.
    const cancelling = cancelPlan(alice.id, alicePlan);
    await sleep(300);
    const answering = answerMatch(bob.id, matchId, "in");
    await sleep(300);
    await pair.release();
    await cancelling;
    await answering.catch(() => undefined);
    expect(await db().notification.count({ where: { userId: alice.id, type: "match_answer" } })).toBe(0);
  });
});

describe("after a block or removal", () => {
  it("being friends again reopens nothing: both sides are out and what was said is gone", async () => {
    const { alice, bob, matchId } = await matched();
    await sendMessage(alice.id, matchId, "spot", "Steamer Lane, north end");
    await blockUser(alice.id, bob.id);
    expect(await getMatch(bob.id, matchId)).toBeNull();
    await db().block.deleteMany({});
    await friends(alice, bob);
    const view = await getMatch(bob.id, matchId);
    expect(view?.spot).toBeNull();
    expect(view?.messages).toEqual([]);
    expect([view?.you.out, view?.friends[0]?.out]).toEqual([true, true]);
    await expect(sendMessage(bob.id, matchId, "message", "hi again")).rejects.toThrow(/plan for this is off/);
    expect(await db().matchMessage.count()).toBe(0);
  });
});

describe("deleting the location data", () => {
  it("deletes the meeting spots the user typed (messages stay; the ledger keeps what friends were shown)", async () => {
    const { alice, bob, matchId } = await matched();
    await sendMessage(alice.id, matchId, "spot", "Steamer Lane, north end");
    await sendMessage(alice.id, matchId, "message", "See you there");
    await deleteLocationData(alice.id);
    const view = await getMatch(bob.id, matchId);
    expect(view?.spot).toBeNull();
    expect(view?.messages.map((m) => m.body)).toEqual(["See you there"]);
    expect(await db().disclosure.count({ where: { subjectId: alice.id, said: "Steamer Lane, north end" } })).toBe(1);
  });
});
