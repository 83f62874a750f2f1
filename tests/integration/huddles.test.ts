import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { NotFoundError } from "@/lib/server/errors";
import { listNotifications } from "@/lib/server/live/inbox";
import { answerMatch, getMatch, onMyWay } from "@/lib/server/matches/meetups";
import { sendMessage } from "@/lib/server/matches/messages";
import { matchPlan } from "@/lib/server/plans/matcher";
import { cancelPlan } from "@/lib/server/plans/plans";
import { collectUserData, getLedger } from "@/lib/server/privacy/my-data";
import { closeDatabase, resetDatabase } from "../support/db";
import { friends, post } from "../support/matching";
import { matchOf } from "../support/meetups";
import { person, type Person } from "../support/people";

// Huddles: three or more friends up for the same thing are one meet-up, not pairs — one notification
// each, one page with everyone's answers and messages — and each person sees only their own friends
// in it (A–B and B–C friends, A–C not: A and C see nothing of each other).

beforeEach(resetDatabase);
afterAll(closeDatabase);

const matchNotices = (who: Person) => db().notification.findMany({ where: { userId: who.id, type: "match" }, select: { matchId: true } });
const texts = async (who: Person) => (await listNotifications(who.id)).map((n) => n.text);
const namesOn = async (viewer: Person, matchId: string) => (await getMatch(viewer.id, matchId))?.friends.map((friend) => friend.name).sort();

/** Ana, Ben and Cleo post surfing one after another; `pairs`: who is friends with whom. */
async function threeSurfers(pairs: [0 | 1 | 2, 0 | 1 | 2][]) {
  const people = [await person("Ana"), await person("Ben"), await person("Cleo")] as const;
  for (const [a, b] of pairs) await friends(people[a], people[b]);
  for (const who of people) await post(who);
  return people;
}

describe("three friends up for the same thing", () => {
  it("are one huddle: one notification each, naming the other two, and one page listing both", async () => {
    const [ana, ben, cleo] = await threeSurfers([
      [0, 1],
      [1, 2],
      [0, 2],
    ]);
    expect(await db().match.count()).toBe(3); // each pair is still its own disclosure

    for (const [who, others] of [
      [ana, ["Ben", "Cleo"]],
      [ben, ["Ana", "Cleo"]],
      [cleo, ["Ana", "Ben"]],
    ] as const) {
      // One line in the inbox (each match's notification is kept: the newest one speaks for the huddle).
      const lines = await listNotifications(who.id);
      expect(lines).toHaveLength(1);
      expect(lines[0]!.text).toMatch(new RegExp(`^You, (${others[0]} and ${others[1]}|${others[1]} and ${others[0]}) are up for surfing — in your area$`));
      expect(lines[0]!.window).toBeUndefined(); // each friend has their own: the page shows them
      expect(await namesOn(who, lines[0]!.href.replace("/matches/", ""))).toEqual([...others]);
    }
    // Any match of the huddle opens the same page.
    expect(await namesOn(ana, await matchOf(ana, ben))).toEqual(["Ben", "Cleo"]);
    expect(await namesOn(ana, await matchOf(ana, cleo))).toEqual(["Ben", "Cleo"]);
    // The export has every notification row, each worded (the one the newest stands for too).
    const exported = (await collectUserData(ana.id)).notifications.items.filter((item) => item.type === "match");
    expect(exported).toHaveLength(2);
    for (const item of exported) expect(item.text).toMatch(/^You, (Ben and Cleo|Cleo and Ben) are up for surfing — in your area$/);
    // What each was told about each is still in the ledgers, one row per pair and direction.
    expect((await getLedger(ana.id)).items.map((row) => row.toldTo?.displayName).sort()).toEqual(["Ben", "Cleo"]);
  });

  it("takes one answer to everyone in it; someone who joins later is not given it, and the page asks again", async () => {
    const [ana, ben] = [await person("Ana"), await person("Ben")];
    const cleo = await person("Cleo");
    await friends(ana, ben);
    await friends(ana, cleo);
    await friends(ben, cleo);
    await post(ana);
    await post(ben);
    const anaBen = await matchOf(ana, ben);
    await answerMatch(ana.id, anaBen, "in");
    await post(cleo);
    // Cleo joined after Ana answered Ben: that answer was Ben's, and Ana is asked again.
    const cleoPage = await getMatch(cleo.id, await matchOf(ana, cleo));
    expect(cleoPage?.friends.find((friend) => friend.name === "Ana")?.answer).toBeNull();
    expect((await getMatch(ana.id, anaBen))?.you.answer).toBeNull();
    expect((await getMatch(ben.id, anaBen))?.friends.find((friend) => friend.name === "Ana")?.answer).toBe("in");

    await onMyWay(ben.id, anaBen, 20);
    for (const who of [ana, cleo]) {
      expect((await texts(who))[0]).toBe("Surfing: Ben’s on the way — there in about 20 min");
      const page = await getMatch(who.id, await matchOf(who, ben));
      expect(page?.friends.find((friend) => friend.name === "Ben")).toMatchObject({ answer: "in", out: false });
      expect(page?.friends.find((friend) => friend.name === "Ben")?.arrivingAt).not.toBeNull();
    }
    expect((await getMatch(ben.id, anaBen))?.you.answer).toBe("in");
  });

  it("takes a message to everyone in it, listed once for its sender, with its sender's name for the others", async () => {
    const [ana, ben, cleo] = await threeSurfers([
      [0, 1],
      [1, 2],
      [0, 2],
    ]);
    const benAna = await matchOf(ben, ana);
    await sendMessage(ben.id, benAna, "spot", "North end of the beach");
    expect(await db().matchMessage.count()).toBe(2);
    // Each friend's copy is in Ben's ledger, word for word.
    expect((await getLedger(ben.id)).items.filter((row) => row.said === "North end of the beach")).toHaveLength(2);
    expect((await getMatch(ben.id, benAna))?.messages.map((m) => [m.body, m.from])).toEqual([["North end of the beach", "You"]]);
    for (const who of [ana, cleo]) {
      const page = await getMatch(who.id, await matchOf(who, ben));
      expect(page?.spot).toMatchObject({ body: "North end of the beach", from: "Ben", mine: false });
      expect((await texts(who))[0]).toBe("Surfing: Ben suggests meeting at “North end of the beach”");
    }
  });

  it("shrinks as friends drop out, and says so", async () => {
    const [ana, ben, cleo] = await threeSurfers([
      [0, 1],
      [1, 2],
      [0, 2],
    ]);
    const cleoPlan = await db().plan.findFirstOrThrow({ where: { userId: cleo.id }, select: { id: true } });
    await cancelPlan(cleo.id, cleoPlan.id);
    const page = await getMatch(ana.id, await matchOf(ana, ben));
    expect(page?.friends.map((friend) => [friend.name, friend.out])).toEqual(
      expect.arrayContaining([
        ["Ben", false],
        ["Cleo", true],
      ]),
    );
    const anaTexts = await texts(ana);
    expect(anaTexts).toContain("Ben is up for surfing too — in your area");
    expect(anaTexts).toContain("Surfing: Cleo’s out");
    // A message now goes to Ben only.
    await sendMessage(ana.id, await matchOf(ana, ben), "message", "Still on?");
    expect(await db().matchMessage.count()).toBe(1);
  });
});

describe("a huddle across friends who are not friends with each other", () => {
  // Ana–Ben and Ben–Cleo are friends; Ana and Cleo are not.
  it("shows Ben both, and Ana and Cleo nothing of each other: not in notifications, pages, answers or messages", async () => {
    const [ana, ben, cleo] = await threeSurfers([
      [0, 1],
      [1, 2],
    ]);
    expect(await db().match.count()).toBe(2);
    const anaBen = await matchOf(ana, ben);
    const benCleo = await matchOf(ben, cleo);
    expect(await texts(ben)).toEqual([expect.stringMatching(/^You, (Ana and Cleo|Cleo and Ana) are up for surfing — in your area$/)]);
    expect(await namesOn(ben, anaBen)).toEqual(["Ana", "Cleo"]);

    await answerMatch(ana.id, anaBen, "in");
    await answerMatch(cleo.id, benCleo, "maybe");
    await sendMessage(ana.id, anaBen, "message", "from Ana");
    await sendMessage(cleo.id, benCleo, "message", "from Cleo");
    await sendMessage(ben.id, anaBen, "spot", "Ben's spot");

    // Ben hears from both.
    expect(await texts(ben)).toEqual(
      expect.arrayContaining(["Surfing: Ana’s in", "Surfing: Cleo might come", "Surfing: Ana: “from Ana”", "Surfing: Cleo: “from Cleo”"]),
    );
    // Ana and Cleo: only Ben, only what Ben and they themselves said.
    for (const [who, match, other, otherWords] of [
      [ana, anaBen, "Cleo", "from Cleo"],
      [cleo, benCleo, "Ana", "from Ana"],
    ] as const) {
      const page = await getMatch(who.id, match);
      expect(page?.friends.map((friend) => friend.name)).toEqual(["Ben"]);
      expect(page?.messages.map((m) => m.from).sort()).toEqual(["Ben", "You"]);
      const seen = JSON.stringify([page, await listNotifications(who.id), await getLedger(who.id)]);
      expect(seen).not.toContain(other);
      expect(seen).not.toContain(otherWords);
      expect(await texts(who)).toContain("Ben is up for surfing too — in your area");
    }
    // Neither can open the other's match with Ben: the same "not found" as one that does not exist.
    expect(await getMatch(ana.id, benCleo)).toBeNull();
    expect(await getMatch(cleo.id, anaBen)).toBeNull();
  });
});

describe("someone who is not in a huddle", () => {
  it("cannot open, answer or write to it, and nothing changes", async () => {
    const [ana, ben] = await threeSurfers([[0, 1]]);
    const stranger = await person("Mallory");
    const anaBen = await matchOf(ana, ben);
    const before = [await db().notification.count(), await db().matchMessage.count(), await db().disclosure.count()];
    expect(await getMatch(stranger.id, anaBen)).toBeNull();
    await expect(answerMatch(stranger.id, anaBen, "in")).rejects.toBeInstanceOf(NotFoundError);
    await expect(onMyWay(stranger.id, anaBen, 10)).rejects.toBeInstanceOf(NotFoundError);
    await expect(sendMessage(stranger.id, anaBen, "spot", "here")).rejects.toBeInstanceOf(NotFoundError);
    expect([await db().notification.count(), await db().matchMessage.count(), await db().disclosure.count()]).toEqual(before);
    expect(await db().matchMember.count({ where: { answer: { not: null } } })).toBe(0);
  });
});

describe("group size", () => {
  const allFriends = async () => {
    const people = [await person("Ana"), await person("Ben"), await person("Cleo")] as const;
    await friends(people[0], people[1]);
    await friends(people[0], people[2]);
    await friends(people[1], people[2]);
    return people;
  };

  it("'at most N' stops a plan's matches once N people are in, and a drop-out makes room again", async () => {
    const [ana, ben, cleo] = await allFriends();
    await post(ana, { groupMax: 2 });
    const { plan: benPlan } = await post(ben);
    await post(cleo);
    // Ana's plan is full with Ben; Ben and Cleo still match each other.
    expect((await db().match.findMany({ select: { userLowId: true, userHighId: true } })).length).toBe(2);
    await expect(matchOf(ana, cleo)).rejects.toThrow();
    expect(await texts(ana)).toEqual(["Ben is up for surfing too — in your area"]);

    await cancelPlan(ben.id, benPlan.id);
    const cleoPlan = await db().plan.findFirstOrThrow({ where: { userId: cleo.id }, select: { id: true } });
    await matchPlan(cleoPlan.id);
    await matchOf(ana, cleo);
  });

  it("'at least N' tells the plan's owner nothing until N people are in, then names them all in one line", async () => {
    const [ana, ben, cleo] = await allFriends();
    await post(ana, { groupMin: 3 });
    await post(ben);
    expect(await db().match.count()).toBe(1);
    expect(await matchNotices(ana)).toHaveLength(0);
    expect(await texts(ben)).toEqual(["Ana is up for surfing too — in your area"]);
    // The match is on Ana's plan card and page all the same.
    expect(await namesOn(ana, await matchOf(ana, ben))).toEqual(["Ben"]);

    await post(cleo);
    expect(await matchNotices(ana)).toHaveLength(1);
    expect(await texts(ana)).toEqual([expect.stringMatching(/^You, (Ben and Cleo|Cleo and Ben) are up for surfing — in your area$/)]);
  });

  it("is refused by the database when it makes no sense, whatever the path", async () => {
    const ana = await person("Ana");
    for (const [groupMin, groupMax] of [
      [2, null],
      [null, 1],
      [5, 4],
      [11, null],
    ]) {
      await expect(post(ana, { groupMin, groupMax })).rejects.toThrow();
    }
    expect(await db().plan.count()).toBe(0);
  });
});
