import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/server/db";
import { NotFoundError } from "@/lib/server/errors";
import { listNotifications } from "@/lib/server/live/inbox";
import { askFriends, listCloseFriends } from "@/lib/server/matches/asks";
import { answerMatch, getMatch } from "@/lib/server/matches/meetups";
import { sendMessage } from "@/lib/server/matches/messages";
import { cancelPlan } from "@/lib/server/plans/plans";
import { deleteAccount } from "@/lib/server/privacy/deletion";
import { pauseSharing } from "@/lib/server/privacy/settings";
import { closeDatabase, newAccount, resetDatabase } from "../support/db";
import { friends, HOUR, porto, post } from "../support/matching";
import { anaWithPlan, hold, matchOf, sleep } from "../support/meetups";
import { person, type Person } from "../support/people";
import { editAndMatch } from "../support/plans";
import { logStatements } from "../support/statements";

// Asks when things change around them: pauses (never revealed to the asker, nothing reaches a
// friend who paused), account deletion racing an ask, an edit of the plan's time, a disabled friend,
// and what the asker's page may claim.

beforeEach(resetDatabase);
afterAll(closeDatabase);
afterEach(() => vi.restoreAllMocks());

const PASSWORD = newAccount().password;
const texts = async (who: Person) => (await listNotifications(who.id)).map((n) => n.text);

describe("a pause is not revealed to an asker", () => {
  it("an asked friend who then pauses still shows as not answered: no 'Ben's out' (an ask has no plan of Ben's to go off)", async () => {
    const { ana, ben, planId } = await anaWithPlan();
    await askFriends(ana.id, planId, [ben.id]);
    await pauseSharing(ben.id, new Date(Date.now() + HOUR));
    const page = await getMatch(ana.id, await matchOf(ana, ben));
    expect(page?.friends[0]).toMatchObject({ name: "Ben", answer: null, out: false });
    expect(await texts(ana)).toEqual([]);
  });

  it("an ask to a paused friend sends the same statements as one to a friend who is not paused (constant work)", async () => {
    const [ana, ben, dee, pia] = [await person("Ana"), await person("Ben"), await person("Dee"), await person("Pia")];
    await friends(ana, ben);
    await friends(dee, pia);
    await pauseSharing(pia.id, new Date(Date.now() + HOUR));
    const { plan: anaPlan } = await post(ana, { cell: porto });
    const { plan: deePlan } = await post(dee, { cell: porto });
    const log = logStatements();
    await askFriends(ana.id, anaPlan.id, [ben.id]);
    const sharing = log.splice(0).map((s) => s.text);
    await askFriends(dee.id, deePlan.id, [pia.id]);
    const paused = log.splice(0).map((s) => s.text);
    expect(paused).toEqual(sharing);
  });
});

describe("a paused friend is told nothing", () => {
  it("not the ask, nor the asker's answer, message or cancel that follow it", async () => {
    const { ana, ben, planId } = await anaWithPlan();
    await pauseSharing(ben.id, new Date(Date.now() + HOUR));
    await askFriends(ana.id, planId, [ben.id]);
    const matchId = await matchOf(ana, ben);
    await answerMatch(ana.id, matchId, "in");
    await sendMessage(ana.id, matchId, "message", "Wave at 10?");
    await cancelPlan(ana.id, planId);
    expect(await texts(ben)).toEqual([]);
  });
});

describe("an ask racing account deletion", () => {
  it("does not deadlock: the ask takes every inbox lock before it writes, as a deletion does", async () => {
    const [ana, p, q] = [await person("Ana"), await person("P"), await person("Q")];
    // x's inbox lock is taken first by the ask (inboxLockKeys sorts); x and y have an open match.
    const [x, y] = [p, q].sort((a, b) => (a.id.toLowerCase() < b.id.toLowerCase() ? -1 : 1)) as [Person, Person];
    await friends(ana, x);
    await friends(ana, y);
    await friends(x, y);
    await post(x);
    await post(y);
    const { plan } = await post(ana, { activity: "climbing" });
    // The ask takes Ana–x and Ana–y, then waits for x's inbox — before writing anything...
    const inbox = await hold(`inbox:${x.id.toLowerCase()}`);
    const asking = askFriends(ana.id, plan.id, [x.id, y.id]);
    await sleep(300);
    // ...x deletes the account meanwhile (x–y, y's inbox, then the user row: nothing the ask holds)...
    const deleting = deleteAccount(x.id, PASSWORD);
    await sleep(700);
    // ...and the ask goes on once the deletion is done. (It used to write first and wait for the
    // inboxes after, while the deletion waited for the rows it had written: a deadlock.)
    await inbox.release();
    const results = await Promise.allSettled([asking, deleting]);
    // Nobody deadlocks: the deletion goes through, and the ask, which waited, finds x gone (not found).
    expect(results.map((r) => (r.status === "rejected" ? String((r.reason as Error).message) : "ok"))).toEqual([
      "We couldn’t find that. It may have been removed or changed.",
      "ok",
    ]);
  });
});

describe("an ask follows its plan", () => {
  it("an edit moving the plan to another time moves the ask, and asks the friend again with the new time", async () => {
    const [ana, ben] = [await person("Ana"), await person("Ben")];
    await friends(ana, ben);
    const now = new Date();
    const { plan } = await post(ana, { startsAt: new Date(now.getTime() + HOUR), endsAt: new Date(now.getTime() + 3 * HOUR) }, now);
    await askFriends(ana.id, plan.id, [ben.id], now);
    const later = new Date(now.getTime() + 6 * HOUR);
    await editAndMatch(ana.id, plan.id, { startsAt: later, endsAt: new Date(later.getTime() + 2 * HOUR), travelKm: 10, audience: "close", note: "" }, now);
    const page = await getMatch(ben.id, await matchOf(ana, ben), now);
    expect(page?.startsAt.getTime()).toBe(later.getTime());
    // Ben is asked again, with the new time, and the ledger says so.
    const asked = (await listNotifications(ben.id)).filter((n) => n.text === "Ana asks: up for surfing?");
    expect(asked.map((n) => n.window?.startsAt.getTime()).sort()).toEqual([now.getTime() + HOUR, later.getTime()].sort());
    expect(await db().disclosure.count({ where: { subjectId: ana.id, recipientId: ben.id } })).toBe(2);
  });
});

describe("the asker's page", () => {
  it("does not say 'in your area' when the only friend still in was asked, not matched", async () => {
    const { ana, ben, cleo, planId } = await anaWithPlan();
    const { plan: cleoPlan } = await post(cleo); // matches Ana's plan by area
    await askFriends(ana.id, planId, [ben.id]); // Ben: asked, his area never compared
    await cancelPlan(cleo.id, cleoPlan.id);
    const page = await getMatch(ana.id, await matchOf(ana, ben));
    expect(page?.friends.filter((f) => !f.out).map((f) => [f.name, f.asked])).toEqual([["Ben", true]]);
    expect(page?.inYourArea).toBe(false);
  });
});

describe("who can be asked", () => {
  it("not a friend whose account is disabled (the friends page and reach already leave them out)", async () => {
    const { ana, ben, planId } = await anaWithPlan();
    await db().user.update({ where: { id: ben.id }, data: { disabledAt: new Date() } });
    expect((await listCloseFriends(ana.id)).map((f) => f.displayName)).toEqual(["Cleo"]);
    await expect(askFriends(ana.id, planId, [ben.id])).rejects.toBeInstanceOf(NotFoundError);
  });
});
