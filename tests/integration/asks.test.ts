import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { ExpectedError, NotFoundError } from "@/lib/server/errors";
import { listNotifications } from "@/lib/server/live/inbox";
import { askFriends, listCloseFriends } from "@/lib/server/matches/asks";
import { answerMatch, getMatch } from "@/lib/server/matches/meetups";
import { sendMessage } from "@/lib/server/matches/messages";
import { cancelPlan, listActivePlans } from "@/lib/server/plans/plans";
import { collectUserData, getLedger } from "@/lib/server/privacy/my-data";
import { pauseSharing } from "@/lib/server/privacy/settings";
import { blockUser } from "@/lib/server/social/blocks";
import { removeFriend } from "@/lib/server/social/friends";
import { closeDatabase, resetDatabase } from "../support/db";
import { friends, HOUR, porto, post } from "../support/matching";
import { anaWithPlan, matchOf } from "../support/meetups";
import { person, type Person } from "../support/people";

// Asks: a plan sent straight to chosen close friends. They are told the activity and the window —
// never an area — answer on the same page as a match, and only close friends can be asked.

beforeEach(resetDatabase);
afterAll(closeDatabase);

const texts = async (who: Person) => (await listNotifications(who.id)).map((n) => n.text);
const stored = async () => [await db().match.count(), await db().matchMember.count(), await db().disclosure.count(), await db().notification.count()];

describe("an ask", () => {
  it("tells each friend asked the activity and the window — no area — and is written to the asker's ledger", async () => {
    const { ana, ben, cleo, planId } = await anaWithPlan();
    // Ben is far away: an ask compares nobody's area.
    await post(ben, { cell: porto });
    expect(await askFriends(ana.id, planId, [ben.id, cleo.id])).toBe(2);

    for (const who of [ben, cleo]) {
      const [told] = await listNotifications(who.id);
      expect(told).toMatchObject({ text: "Ana asks: up for surfing?" });
      expect(told?.window).toBeDefined();
      const page = await getMatch(who.id, told!.href.replace("/matches/", ""));
      expect(page).toMatchObject({ askedBy: "Ana", inYourArea: false, friends: [{ name: "Ana", asked: false }] });
    }
    const ledger = (await getLedger(ana.id)).items;
    expect(ledger.map((row) => [row.toldTo.displayName, row.asked]).sort()).toEqual([
      ["Ben", true],
      ["Cleo", true],
    ]);
    // Ana's page: both asked, no "in your area"; her plan card says "Asked".
    const page = await getMatch(ana.id, await matchOf(ana, ben));
    expect(page).toMatchObject({ askedBy: null, inYourArea: false });
    expect(page?.friends.map((friend) => [friend.name, friend.asked]).sort()).toEqual([
      ["Ben", true],
      ["Cleo", true],
    ]);
    const [card] = (await listActivePlans(ana.id)).plans;
    expect(card?.matches.map((match) => [match.friend.name, match.asked]).sort()).toEqual([
      ["Ben", true],
      ["Cleo", true],
    ]);
    // Nothing anyone was shown names a place or a distance.
    expect(JSON.stringify([await listNotifications(ben.id), await getMatch(ben.id, await matchOf(ana, ben))])).not.toMatch(/area|km|cell/);
  });

  it("is answered on the same page: the asker hears 'Ben's in', and a message goes both ways", async () => {
    const { ana, ben, planId } = await anaWithPlan();
    await askFriends(ana.id, planId, [ben.id]);
    const matchId = await matchOf(ana, ben);
    await answerMatch(ben.id, matchId, "in");
    expect((await texts(ana))[0]).toBe("Surfing: Ben’s in");
    expect((await getMatch(ana.id, matchId))?.friends[0]?.answer).toBe("in");
    await sendMessage(ana.id, matchId, "spot", "North end");
    expect((await getMatch(ben.id, matchId))?.spot).toMatchObject({ body: "North end", from: "Ana" });
  });

  it("goes off when the asker cancels the plan, and the friend is told", async () => {
    const { ana, ben, planId } = await anaWithPlan();
    await askFriends(ana.id, planId, [ben.id]);
    await cancelPlan(ana.id, planId);
    expect((await texts(ben))[0]).toBe("Surfing: Ana’s out");
    expect((await getMatch(ben.id, await matchOf(ana, ben)))?.friends[0]?.out).toBe(true);
  });

  it("asks each friend once: a second ask to the same friend, or to one the plan already matched, stores nothing", async () => {
    const { ana, ben, cleo, planId } = await anaWithPlan();
    await post(cleo); // matches Ana's plan
    expect(await askFriends(ana.id, planId, [ben.id])).toBe(1);
    const before = await stored();
    expect(await askFriends(ana.id, planId, [ben.id, cleo.id])).toBe(0);
    expect(await stored()).toEqual(before);
  });

  it("reaches a paused friend's page but does not ping them", async () => {
    const { ana, ben, planId } = await anaWithPlan();
    await pauseSharing(ben.id, new Date(Date.now() + HOUR));
    expect(await askFriends(ana.id, planId, [ben.id])).toBe(1);
    expect(await texts(ben)).toEqual([]);
    expect(await getMatch(ben.id, await matchOf(ana, ben))).not.toBeNull();
  });

  it("is in both exports, worded as an ask", async () => {
    const { ana, ben, planId } = await anaWithPlan();
    await askFriends(ana.id, planId, [ben.id]);
    const forBen = await collectUserData(ben.id);
    expect(forBen.toldToMe.items).toMatchObject([{ about: { displayName: "Ana" }, asked: true, activity: "surfing" }]);
    expect(forBen.notifications.items).toMatchObject([{ type: "ask", text: "Ana asks: up for surfing?" }]);
    expect(forBen.matches.items).toMatchObject([{ activity: "surfing", ask: "asked you" }]);
    const forAna = await collectUserData(ana.id);
    expect(forAna.ledger.items).toMatchObject([{ asked: true }]);
    expect(forAna.matches.items).toMatchObject([{ ask: "you asked" }]);
  });
});

describe("who can be asked", () => {
  it("is only close friends: a stranger, a friend not marked close, a removed friend or a blocked one makes the whole ask 'not found', and nothing is stored", async () => {
    const { ana, ben, planId } = await anaWithPlan();
    const [stranger, notClose, removed, blocked, blocker] = [await person("S"), await person("N"), await person("R"), await person("B"), await person("K")];
    await friends(ana, notClose, { aMarksB: false });
    await friends(ana, removed);
    await removeFriend(ana.id, removed.id);
    await friends(ana, blocked);
    await blockUser(ana.id, blocked.id);
    await friends(ana, blocker);
    await blockUser(blocker.id, ana.id);
    const before = await stored();
    for (const other of [stranger, notClose, removed, blocked, blocker, ana]) {
      await expect(askFriends(ana.id, planId, [ben.id, other.id])).rejects.toBeInstanceOf(NotFoundError);
    }
    expect(await stored()).toEqual(before);
    expect((await listCloseFriends(ana.id)).map((friend) => friend.displayName)).toEqual(["Ben", "Cleo"]);
  });

  it("is refused for someone else's plan, an ended plan, more people than allowed, or while the asker pauses", async () => {
    const { ana, ben, planId } = await anaWithPlan();
    const before = await stored();
    await expect(askFriends(ben.id, planId, [ana.id])).rejects.toBeInstanceOf(NotFoundError);
    await expect(askFriends(ana.id, planId, [ben.id], new Date(Date.now() + 3 * HOUR))).rejects.toBeInstanceOf(NotFoundError);
    const many = Array.from({ length: 11 }, () => crypto.randomUUID());
    await expect(askFriends(ana.id, planId, many)).rejects.toBeInstanceOf(ExpectedError);
    await pauseSharing(ana.id, new Date(Date.now() + HOUR));
    await expect(askFriends(ana.id, planId, [ben.id])).rejects.toThrow("Sharing is paused");
    expect(await stored()).toEqual(before);
  });
});

describe("asks", () => {
  it("are rate-limited: the eleventh in an hour is refused, and stores nothing", async () => {
    const { ana, ben, planId } = await anaWithPlan();
    for (let n = 0; n < 10; n++) await askFriends(ana.id, planId, [ben.id]);
    const before = await stored();
    await expect(askFriends(ana.id, planId, [ben.id])).rejects.toBeInstanceOf(ExpectedError);
    expect(await stored()).toEqual(before);
  });
});
