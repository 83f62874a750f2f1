import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db, pool } from "@/lib/server/db";
import { NotFoundError } from "@/lib/server/errors";
import { listNotifications } from "@/lib/server/live/inbox";
import { answerMatch, getMatch, onMyWay } from "@/lib/server/matches/meetups";
import { sweepRetention } from "@/lib/server/jobs/retention";
import { cancelPlan } from "@/lib/server/plans/plans";
import { deleteAccount } from "@/lib/server/privacy/deletion";
import { blockUser } from "@/lib/server/social/blocks";
import { removeFriend } from "@/lib/server/social/friends";
import { pairLockKey } from "@/lib/server/social/relationships";
import { sendMessage } from "@/lib/server/matches/messages";
import { collectUserData } from "@/lib/server/privacy/my-data";
import { tablesInSchema } from "../support/catalogue";
import { closeDatabase, newAccount, resetDatabase } from "../support/db";
import { friends, HOUR, MINUTE, post } from "../support/matching";
import { hold, matched, matchOf, sleep } from "../support/meetups";
import { person, type Person } from "../support/people";

// Huddles when things change under them: answers racing new matches, blocks, removals, cancels,
// the retention sweep, a pair matched again after the cooldown, and account deletion racing an answer.

beforeEach(resetDatabase);
afterAll(closeDatabase);

const PASSWORD = newAccount().password;

const matchLines = async (who: Person) => (await listNotifications(who.id)).filter((n) => / up for /.test(n.text));
const idOf = (href: string) => href.replace("/matches/", "");

/** Ana–Ben and Ben–Cleo friends (Ana–Cleo not); Ana, Ben, then Cleo post: Ben's one line is about his match with Cleo. */
async function benBetween(cleoPlan: Parameters<typeof post>[1] = {}) {
  const [ana, ben, cleo] = [await person("Ana"), await person("Ben"), await person("Cleo")];
  await friends(ana, ben);
  await friends(ben, cleo);
  const now = new Date();
  await post(ana, {}, now);
  await post(ben, { endsAt: new Date(now.getTime() + 3 * HOUR) }, now);
  await post(cleo, cleoPlan, now);
  return { ana, ben, cleo, now };
}

describe("an answer racing a new match of the same plan", () => {
  it("is not passed on to the friend who joined meanwhile: they were never given one, and Ben is asked again", async () => {
    const [ana, ben, cleo] = [await person("Ana"), await person("Ben"), await person("Cleo")];
    await friends(ana, ben);
    await friends(ben, cleo);
    await post(ana);
    await post(ben);
    const anaBen = await matchOf(ana, ben);
    await answerMatch(ben.id, anaBen, "in");
    // Ben changes his mind; his request reads his huddle (Ana only) and waits for the Ana–Ben lock...
    const pair = await hold(pairLockKey(ana.id, ben.id));
    const answering = answerMatch(ben.id, anaBen, "out");
    await sleep(300);
    // ...while Cleo's post matches Ben.
    await post(cleo);
    await pair.release();
    await answering;
    const benCleo = await matchOf(ben, cleo);
    expect((await getMatch(ana.id, anaBen))?.friends[0]?.answer).toBe("out");
    // Cleo is shown no answer (never "in", which Ben took back), and Ben's page asks him again.
    expect((await getMatch(cleo.id, benCleo))?.friends[0]?.answer).toBeNull();
    expect((await getMatch(ben.id, anaBen))?.you.answer).toBeNull();
  });
});

describe("a friend who joins a huddle", () => {
  it("is not shown an answer or arrival time Ben gave to the others (it would say he matched someone else)", async () => {
    const [ana, ben, cleo] = [await person("Ana"), await person("Ben"), await person("Cleo")];
    await friends(ana, ben);
    await friends(ben, cleo); // Ana and Cleo are not friends
    await post(ana);
    await post(ben);
    await onMyWay(ben.id, await matchOf(ana, ben), 20);
    await post(cleo);
    const page = await getMatch(cleo.id, await matchOf(ben, cleo));
    // A fresh pair shows no answer. A filled one, before Ben ever saw Cleo, can only mean Ben's plan
    // already matched another friend (and that he is on his way): said to Ana, never to Cleo.
    expect(page?.friends[0]).toMatchObject({ answer: null, arrivingAt: null });
  });
});

describe("the huddle's one line, when the friend who joined last goes", () => {
  it("after a block between Ben and Cleo, is Ben's line about Ana again", async () => {
    const { ben, cleo } = await benBetween();
    expect((await matchLines(ben)).map((n) => n.text)).toEqual([expect.stringMatching(/^You, (Ana and Cleo|Cleo and Ana) are up for surfing/)]);
    await blockUser(cleo.id, ben.id);
    expect((await matchLines(ben)).map((n) => n.text)).toEqual(["Ana is up for surfing too — in your area"]);
  });

  it("after Cleo deletes her account, is Ben's line about Ana again", async () => {
    const { ben, cleo } = await benBetween();
    expect(await deleteAccount(cleo.id, PASSWORD)).toBe(true);
    expect((await matchLines(ben)).map((n) => n.text)).toEqual(["Ana is up for surfing too — in your area"]);
  });
});

describe("the huddle's line, when the match it came with changes", () => {
  it("after Ben removes Cleo: the line about Ana shows again, with Ana's window, and leads to a page Ben can open", async () => {
    const { ben, cleo, now } = await benBetween({
      startsAt: new Date(Date.now() + 30 * MINUTE),
      endsAt: new Date(Date.now() + 90 * MINUTE),
    });
    await removeFriend(ben.id, cleo.id);
    const line = (await matchLines(ben)).find((n) => n.text === "Ana is up for surfing too — in your area");
    expect(line?.window?.startsAt.getTime()).toBe(now.getTime()); // Ana's plan starts now; Cleo's in 30 minutes
    expect((await getMatch(ben.id, idOf(line!.href)))?.friends.map((f) => f.name)).toEqual(["Ana"]);
  });

  it("after Cleo cancels: the line names Ana, without Cleo's window", async () => {
    const { ben, cleo } = await benBetween({
      startsAt: new Date(Date.now() + 30 * MINUTE),
      endsAt: new Date(Date.now() + 90 * MINUTE),
    });
    const cleoPlan = await db().plan.findFirstOrThrow({ where: { userId: cleo.id }, select: { id: true } });
    await cancelPlan(cleo.id, cleoPlan.id);
    const [line] = await matchLines(ben);
    expect(line?.text).toBe("Ana is up for surfing too — in your area");
    expect(line?.window).toBeUndefined();
    expect((await getMatch(ben.id, idOf(line!.href)))?.friends.map((f) => [f.name, f.out])).toEqual([
      ["Ana", false],
      ["Cleo", true],
    ]);
  });

  it("after the sweep takes Ben's side of his ended match with Cleo: a line about Ana leads to a page with Ana", async () => {
    const { ben, now } = await benBetween({ endsAt: new Date(Date.now() + HOUR) });
    await sweepRetention(new Date(now.getTime() + HOUR + MINUTE));
    const line = (await matchLines(ben)).find((n) => n.text.includes("Ana"));
    expect((await getMatch(ben.id, idOf(line!.href)))?.friends.map((f) => f.name)).toContain("Ana");
  });
});

describe("a pair whose cooldown is over", () => {
  it("is not matched again on a plan they already share: a friend is in a huddle once", async () => {
    const [ana, ben] = [await person("Ana"), await person("Ben")];
    await friends(ana, ben);
    const now = new Date();
    await post(ben, { endsAt: new Date(now.getTime() + 12 * HOUR) }, now);
    await post(ana, {}, now);
    const later = new Date(now.getTime() + 7 * HOUR);
    await post(ana, { startsAt: later, endsAt: new Date(later.getTime() + 2 * HOUR) }, later);
    expect(await db().match.count()).toBe(1);
    const [line] = await matchLines(ben);
    expect(line?.text).toBe("Ana is up for surfing too — in your area");
    expect((await getMatch(ben.id, idOf(line!.href)))?.friends.map((f) => f.name)).toEqual(["Ana"]);
  });
});

describe("an answer racing the account deletion of a friend in the huddle", () => {
  it("waits its turn: both go through", async () => {
    const { ana, ben, cleo } = await benBetween();
    const anaBen = await matchOf(ana, ben);
    // Ben's answer locks his pairs and his sides' rows, then stalls at Ana's inbox...
    const inbox = await hold(`inbox:${ana.id.toLowerCase()}`);
    const answering = answerMatch(ben.id, anaBen, "in");
    await sleep(300);
    // ...Cleo deletes her account: her user row goes, and the cascade waits for Ben's side of Ben–Cleo...
    const deleting = deleteAccount(cleo.id, PASSWORD);
    await sleep(300);
    // ...and Ben's answer, writing "Ben's in" to Cleo's inbox, waits for Cleo's user row.
    await inbox.release();
    const results = await Promise.allSettled([answering, deleting]);
    expect(results.map((r) => (r.status === "rejected" ? String((r.reason as Error).message) : "ok"))).toEqual(["ok", "ok"]);
  });

  it("also for a plain pair: Bob answering while Alice deletes her account", async () => {
    const { alice, bob, matchId } = await matched();
    const inbox = await hold(`inbox:${alice.id.toLowerCase()}`);
    const answering = answerMatch(bob.id, matchId, "in");
    await sleep(300);
    const deleting = deleteAccount(alice.id, PASSWORD);
    await sleep(300);
    await inbox.release();
    const results = await Promise.allSettled([answering, deleting]);
    expect(results.map((r) => (r.status === "rejected" ? String((r.reason as Error).message) : "ok"))).toEqual(["ok", "ok"]);
  });
});

describe("what a block, a removal or a deleted account leaves of a huddle", () => {
  it("a block between Ana and Ben closes Ana–Ben for both, keeps Ben–Cleo, and Ana sees nothing of Cleo anywhere", async () => {
    const [ana, ben, cleo] = [await person("Anaxx"), await person("Benxx"), await person("Cleoxx")];
    await friends(ana, ben);
    await friends(ben, cleo);
    for (const who of [ana, ben, cleo]) await post(who);
    const anaBen = await matchOf(ana, ben);
    const benCleo = await matchOf(ben, cleo);
    await answerMatch(cleo.id, benCleo, "in");
    await sendMessage(cleo.id, benCleo, "message", "Cleoxx words");
    await sendMessage(ben.id, benCleo, "message", "to everyone");
    await blockUser(ben.id, ana.id);
    expect(await getMatch(ana.id, anaBen)).toBeNull();
    await expect(answerMatch(ana.id, anaBen, "in")).rejects.toBeInstanceOf(NotFoundError);
    await expect(sendMessage(ana.id, anaBen, "message", "x")).rejects.toBeInstanceOf(NotFoundError);
    expect(await getMatch(ben.id, anaBen)).toBeNull();
    expect((await getMatch(ben.id, benCleo))?.friends.map((f) => f.name)).toEqual(["Cleoxx"]);
    await answerMatch(ben.id, benCleo, "maybe");
    await sendMessage(ben.id, benCleo, "message", "after");
    expect(await db().notification.count({ where: { userId: ana.id, actorId: ben.id } })).toBe(0);
    const seen = JSON.stringify([await listNotifications(ana.id), await collectUserData(ana.id)]);
    expect(seen).not.toContain("Cleoxx"); // her name and her words ("Cleoxx words")
  });

  it("deleting an account in a three-way huddle leaves nothing that mentions it", async () => {
    const [ana, ben, cleo] = [await person("Ana"), await person("Ben"), await person("Cleo")];
    await friends(ana, ben);
    await friends(ben, cleo);
    await friends(ana, cleo);
    for (const who of [ana, ben, cleo]) await post(who);
    for (const who of [ana, ben, cleo]) {
      const m = (await db().matchMember.findFirstOrThrow({ where: { userId: who.id }, select: { matchId: true } })).matchId;
      await answerMatch(who.id, m, "in");
      await sendMessage(who.id, m, "spot", `spot of ${who.handle}`);
    }
    const user = await db().user.findUniqueOrThrow({ where: { id: cleo.id }, select: { email: true } });
    expect(await deleteAccount(cleo.id, PASSWORD)).toBe(true);
    for (const table of await tablesInSchema()) {
      const { rows } = await pool().query<{ n: string }>(`SELECT count(*) AS n FROM "${table}" AS r WHERE lower(r::text) LIKE ANY ($1)`, [
        [cleo.id, user.email, cleo.handle].map((x) => `%${x.toLowerCase()}%`),
      ]);
      expect(Number(rows[0]!.n), table).toBe(0);
    }
    const anaBen = await matchOf(ana, ben);
    expect((await getMatch(ana.id, anaBen))?.friends.map((f) => f.name)).toEqual(["Ben"]);
  });

  it("removal racing a huddle answer: the removed friend is never told", async () => {
    const [ana, ben, cleo] = [await person("Ana"), await person("Ben"), await person("Cleo")];
    await friends(ana, ben);
    await friends(ben, cleo);
    for (const who of [ana, ben, cleo]) await post(who);
    const inbox = await hold(`inbox:${cleo.id.toLowerCase()}`);
    const answering = answerMatch(ben.id, await matchOf(ana, ben), "in");
    await sleep(200);
    const removing = removeFriend(cleo.id, ben.id);
    await sleep(200);
    await inbox.release();
    await Promise.all([answering, removing]);
    // The answer held the pair lock: the removal waited, then forgot nothing it should not have.
    expect(await getMatch(cleo.id, await matchOf(ben, cleo))).toBeNull();
  });
});
