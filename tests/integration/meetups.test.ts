import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { ExpectedError, NotFoundError } from "@/lib/server/errors";
import { listNotifications } from "@/lib/server/live/inbox";
import { answerMatch, getMatch, onMyWay } from "@/lib/server/matches/meetups";
import { cancelPlan, listActivePlans } from "@/lib/server/plans/plans";
import { deleteAccount, deleteLocationData } from "@/lib/server/privacy/deletion";
import { getLedger } from "@/lib/server/privacy/my-data";
import { pauseSharing } from "@/lib/server/privacy/settings";
import { blockUser } from "@/lib/server/social/blocks";
import { removeFriend } from "@/lib/server/social/friends";
import { closeDatabase, newAccount, resetDatabase } from "../support/db";
import { friends, post } from "../support/matching";
import { HOUR, MINUTE } from "../support/matching";
import { matched, type Pair } from "../support/meetups";
import { person, type Person } from "../support/people";
import { editAndMatch } from "../support/plans";

// A match as a meet-up: answers, "on my way", drop-outs, the plan card — and who may see or change
// any of it (only the two people in the match, while still friends with no block between them).

beforeEach(resetDatabase);
const PASSWORD = newAccount().password;
afterAll(closeDatabase);

const texts = async (who: Person) => (await listNotifications(who.id)).map((n) => n.text);
const notificationCount = () => db().notification.count();
const sides = () => db().matchMember.findMany({ orderBy: { userId: "asc" }, select: { userId: true, answer: true, arrivingAt: true, outAt: true } });

describe("the match page", () => {
  it("shows each side the friend, the activity, the window both plans share and no answers yet", async () => {
    const { alice, bob, matchId, now } = await matched();
    const forAlice = await getMatch(alice.id, matchId);
    expect(forAlice).toMatchObject({ id: matchId, activity: "surfing", ended: false, friends: [{ name: "Bob", answer: null, out: false }] });
    expect(forAlice?.startsAt.getTime()).toBe(now.getTime() + HOUR); // Bob's start
    expect(forAlice?.endsAt.getTime()).toBe(now.getTime() + 2 * HOUR); // Alice's end
    expect((await getMatch(bob.id, matchId))?.friends[0]?.name).toBe("Alice");
    // Nothing in it names a place or a distance.
    expect(JSON.stringify(forAlice)).not.toMatch(/cell|km|8[0-9a-f]{14}/);
  });

  it("is what the match notification leads to", async () => {
    const { alice, matchId } = await matched();
    const [toAlice] = await listNotifications(alice.id);
    expect(toAlice?.href).toBe(`/matches/${matchId}`);
  });
});

describe("answers", () => {
  it("reach the friend in words, live and for push, and show on both pages", async () => {
    const { alice, bob, matchId } = await matched();
    await answerMatch(bob.id, matchId, "in");
    expect((await getMatch(alice.id, matchId))?.friends[0]?.answer).toBe("in");
    expect((await getMatch(bob.id, matchId))?.you.answer).toBe("in");
    const [latest] = await listNotifications(alice.id);
    expect(latest).toMatchObject({ text: "Surfing: Bob’s in", href: `/matches/${matchId}` });
    const row = await db().notification.findFirstOrThrow({ where: { type: "match_answer" }, select: { userId: true, push: true, matchId: true } });
    expect(row).toEqual({ userId: alice.id, push: "pending", matchId });

    await answerMatch(bob.id, matchId, "maybe");
    await answerMatch(bob.id, matchId, "out");
    expect((await texts(alice)).slice(0, 2)).toEqual(["Surfing: Bob can’t make it this time", "Surfing: Bob might come"]);
  });

  it("tell nobody again when nothing changed", async () => {
    const { alice, bob, matchId } = await matched();
    await answerMatch(bob.id, matchId, "in");
    const before = await notificationCount();
    await answerMatch(bob.id, matchId, "in");
    expect(await notificationCount()).toBe(before);
    expect(await texts(alice)).toContain("Surfing: Bob’s in");
  });

  it("'on my way' gives a rough arrival time and counts as in", async () => {
    const { alice, bob, matchId } = await matched();
    const at = new Date();
    await onMyWay(bob.id, matchId, 20, at);
    const friend = (await getMatch(alice.id, matchId))?.friends[0];
    expect(friend?.answer).toBe("in");
    expect(friend?.arrivingAt?.getTime()).toBe(at.getTime() + 20 * MINUTE);
    expect((await texts(alice))[0]).toBe("Surfing: Bob’s on the way — there in about 20 min");
    // A plain "I'm in" afterwards keeps the arrival time; "Maybe" drops it.
    await answerMatch(bob.id, matchId, "in");
    expect((await getMatch(alice.id, matchId))?.friends[0]?.arrivingAt?.getTime()).toBe(at.getTime() + 20 * MINUTE);
    await answerMatch(bob.id, matchId, "maybe");
    expect((await getMatch(alice.id, matchId))?.friends[0]?.arrivingAt).toBeNull();
  });

  it("close when the window ends: refused, nothing changes", async () => {
    const { bob, matchId, now } = await matched();
    const before = [await sides(), await notificationCount()];
    const late = new Date(now.getTime() + 2 * HOUR);
    await expect(answerMatch(bob.id, matchId, "in", late)).rejects.toThrow(/time is over/);
    await expect(onMyWay(bob.id, matchId, 10, late)).rejects.toBeInstanceOf(ExpectedError);
    expect([await sides(), await notificationCount()]).toEqual(before);
  });

  it("are rate-limited", async () => {
    const { bob, matchId } = await matched();
    const answers = ["in", "maybe"] as const;
    for (let i = 0; i < 30; i++) await answerMatch(bob.id, matchId, answers[i % 2]!);
    await expect(answerMatch(bob.id, matchId, "out")).rejects.toThrow(/too many|try again/i);
    expect((await sides()).find((side) => side.userId === bob.id)?.answer).toBe("maybe");
  });
});

describe("who may see or change a match", () => {
  const nothingChanges = async (act: () => Promise<unknown>) => {
    const before = [await sides(), await notificationCount()];
    await expect(act()).rejects.toBeInstanceOf(NotFoundError);
    expect([await sides(), await notificationCount()]).toEqual(before);
  };

  it("a stranger, and a friend of one of them, get 'not found' with the real id", async () => {
    const { alice, matchId } = await matched();
    const stranger = await person("Mallory");
    const alicesFriend = await person("Carol");
    await friends(alice, alicesFriend);
    for (const outsider of [stranger, alicesFriend]) {
      expect(await getMatch(outsider.id, matchId)).toBeNull();
      await nothingChanges(() => answerMatch(outsider.id, matchId, "in"));
      await nothingChanges(() => onMyWay(outsider.id, matchId, 10));
    }
  });

  it("a match that does not exist answers the same", async () => {
    const { alice } = await matched();
    expect(await getMatch(alice.id, "00000000-0000-4000-8000-000000000000")).toBeNull();
    await nothingChanges(() => answerMatch(alice.id, "00000000-0000-4000-8000-000000000000", "in"));
  });

  it("a removal closes it for both at once", async () => {
    const { alice, bob, matchId } = await matched();
    await removeFriend(alice.id, bob.id);
    expect(await getMatch(alice.id, matchId)).toBeNull();
    expect(await getMatch(bob.id, matchId)).toBeNull();
    await nothingChanges(() => answerMatch(bob.id, matchId, "in"));
    expect((await listActivePlans(alice.id)).plans[0]?.matches).toEqual([]);
  });

  it("a block closes it for both at once", async () => {
    const { alice, bob, matchId } = await matched();
    await blockUser(bob.id, alice.id);
    expect(await getMatch(alice.id, matchId)).toBeNull();
    expect(await getMatch(bob.id, matchId)).toBeNull();
    await nothingChanges(() => answerMatch(alice.id, matchId, "in"));
    await nothingChanges(() => onMyWay(bob.id, matchId, 30));
  });
});

describe("drop-outs", () => {
  /** Bob's view after Alice's plan went off: out on the page and the plan card, told once, the old notification off. */
  async function bobIsToldAliceIsOut({ alice, bob, matchId, bobPlan }: Pair) {
    expect((await getMatch(bob.id, matchId))?.friends[0]?.out).toBe(true);
    const inbox = await listNotifications(bob.id);
    expect(inbox.filter((n) => n.text === "Surfing: Alice’s out")).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ text: "Surfing: Alice’s out", href: `/matches/${matchId}` });
    expect(inbox.find((n) => n.text.startsWith("Alice is up for surfing"))?.off).toBe(true);
    const card = (await listActivePlans(bob.id)).plans.find((plan) => plan.id === bobPlan);
    expect(card?.matches).toEqual([{ id: matchId, asked: false, friend: { name: "Alice", answer: null, out: true } }]);
    expect(await db().notification.findFirstOrThrow({ where: { type: "match_off" }, select: { push: true, actorId: true } })).toEqual({
      push: "pending",
      actorId: alice.id,
    });
    // Nothing says why.
    expect(JSON.stringify(inbox)).not.toMatch(/cancel|paus|delet|edit/i);
  }

  it("a cancelled plan: the friend is told at once", async () => {
    const pair = await matched();
    await cancelPlan(pair.alice.id, pair.alicePlan);
    await bobIsToldAliceIsOut(pair);
    // Alice can no longer answer it.
    await expect(answerMatch(pair.alice.id, pair.matchId, "in")).rejects.toThrow(/plan for this is off/);
  });

  it("a plan edited so it no longer overlaps", async () => {
    const pair = await matched();
    const { alice, alicePlan, now } = pair;
    // Still overlapping by more than 15 minutes, and a smaller radius: still in (a radius never drops out).
    await editAndMatch(
      alice.id,
      alicePlan,
      { startsAt: now, endsAt: new Date(now.getTime() + HOUR + 30 * MINUTE), travelKm: 2, audience: "close", note: "" },
      now,
    );
    expect((await getMatch(pair.bob.id, pair.matchId))?.friends[0]?.out).toBe(false);
    await editAndMatch(alice.id, alicePlan, { startsAt: now, endsAt: new Date(now.getTime() + HOUR), travelKm: 2, audience: "close", note: "" }, now);
    await bobIsToldAliceIsOut(pair);
  });

  it("a pause", async () => {
    const pair = await matched();
    await pauseSharing(pair.alice.id, new Date(Date.now() + HOUR));
    await bobIsToldAliceIsOut(pair);
  });

  it("deleting the location data", async () => {
    const pair = await matched();
    await deleteLocationData(pair.alice.id);
    await bobIsToldAliceIsOut(pair);
  });

  it("deleting the account: the friend is told the match is off, naming nobody", async () => {
    const { alice, bob } = await matched();
    expect(await deleteAccount(alice.id, PASSWORD)).toBe(true);
    const inbox = await listNotifications(bob.id);
    expect(inbox.map((n) => n.text)).toEqual(["Surfing: your match is off"]);
    expect(JSON.stringify(inbox)).not.toContain("Alice");
    expect(await db().match.count()).toBe(0);
  });

  it("tells nobody who can no longer see the match, and nobody twice", async () => {
    const { alice, bob, alicePlan } = await matched();
    await removeFriend(bob.id, alice.id);
    const before = await notificationCount();
    await cancelPlan(alice.id, alicePlan);
    expect(await notificationCount()).toBe(before);
    expect(await texts(bob)).not.toContain("Surfing: Alice’s out");
  });

  it("a drop-out after the window tells nobody", async () => {
    const { alice, bob, alicePlan } = await matched();
    await db().matchMember.updateMany({ data: { endsAt: new Date(Date.now() - MINUTE) } });
    await cancelPlan(alice.id, alicePlan);
    expect(await texts(bob)).not.toContain("Surfing: Alice’s out");
  });
});

describe("a plan's note", () => {
  it("is shown to a matched friend only when its owner chose so, as the ledger says they were told", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await friends(alice, bob);
    await post(alice, { note: "spare board, 7'6", shareNote: true });
    await post(bob, { note: "my private reminder" });
    const match = await db().match.findFirstOrThrow({ select: { id: true } });
    expect((await getMatch(bob.id, match.id))?.friends[0]?.note).toBe("spare board, 7'6");
    expect((await getMatch(alice.id, match.id))?.you.note).toBe("spare board, 7'6");
    expect((await getMatch(alice.id, match.id))?.friends[0]?.note).toBeNull();
    expect(JSON.stringify(await getMatch(alice.id, match.id))).not.toContain("private reminder");
    expect((await getLedger(alice.id)).items.map((item) => item.note)).toEqual(["spare board, 7'6"]);
    expect((await getLedger(bob.id)).items.map((item) => item.note)).toEqual([null]);
  });
});

describe("the plan card", () => {
  it("lists each match with the friend's answer", async () => {
    const { alice, bob, matchId, alicePlan } = await matched();
    await answerMatch(bob.id, matchId, "in");
    const card = (await listActivePlans(alice.id)).plans.find((plan) => plan.id === alicePlan);
    expect(card?.matches).toEqual([{ id: matchId, asked: false, friend: { name: "Bob", answer: "in", out: false } }]);
  });
});
