import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { NotFoundError } from "@/lib/server/errors";
import { listNotifications } from "@/lib/server/live/inbox";
import { getMatch } from "@/lib/server/matches/meetups";
import { sendMessage } from "@/lib/server/matches/messages";
import { cancelPlan } from "@/lib/server/plans/plans";
import { getLedger } from "@/lib/server/privacy/my-data";
import { blockUser } from "@/lib/server/social/blocks";
import { removeFriend } from "@/lib/server/social/friends";
import { closeDatabase, resetDatabase } from "../support/db";
import { friends, HOUR } from "../support/matching";
import { matched } from "../support/meetups";
import { person } from "../support/people";

// A meeting spot and a few words: the only way a place more precise than "in your area" is shared,
// only by the sender's own typing, and each written to the sender's disclosure ledger.

beforeEach(resetDatabase);
afterAll(closeDatabase);

const counts = async () => [await db().matchMessage.count(), await db().disclosure.count(), await db().notification.count()];

describe("spots and messages", () => {
  it("reach the friend live and for push, show on both pages, and go into the sender's ledger word for word", async () => {
    const { alice, bob, matchId } = await matched();
    await sendMessage(bob.id, matchId, "spot", "Steamer Lane, north end");
    await sendMessage(alice.id, matchId, "message", "Running 10 min late");

    const forAlice = await getMatch(alice.id, matchId);
    expect(forAlice?.spot).toMatchObject({ kind: "spot", body: "Steamer Lane, north end", mine: false });
    expect(forAlice?.messages.map((m) => [m.body, m.mine])).toEqual([
      ["Steamer Lane, north end", false],
      ["Running 10 min late", true],
    ]);
    expect((await getMatch(bob.id, matchId))?.spot?.mine).toBe(true);

    expect((await listNotifications(alice.id))[0]).toMatchObject({
      text: "Surfing: Bob suggests meeting at “Steamer Lane, north end”",
      href: `/matches/${matchId}`,
    });
    expect((await listNotifications(bob.id))[0]).toMatchObject({ text: "Surfing: Alice: “Running 10 min late”", href: `/matches/${matchId}` });
    const pushed = await db().notification.findMany({ where: { type: { in: ["match_spot", "match_message"] } }, select: { push: true } });
    expect(pushed).toEqual([{ push: "pending" }, { push: "pending" }]);

    const ledger = await getLedger(bob.id);
    expect(ledger.items[0]).toMatchObject({ said: "Steamer Lane, north end", activity: "surfing", toldTo: { displayName: "Alice" } });
  });

  it("the latest spot is the one shown", async () => {
    const { alice, bob, matchId } = await matched();
    await sendMessage(bob.id, matchId, "spot", "Steamer Lane");
    await sendMessage(alice.id, matchId, "spot", "Cowell's, by the stairs");
    expect((await getMatch(bob.id, matchId))?.spot).toMatchObject({ body: "Cowell's, by the stairs", mine: false });
  });

  it("are refused once the window is over, or a side is out — nothing stored", async () => {
    const { alice, bob, matchId, now, alicePlan } = await matched();
    const before = await counts();
    await expect(sendMessage(bob.id, matchId, "message", "Late?", new Date(now.getTime() + 2 * HOUR))).rejects.toThrow(/time is over/);
    expect(await counts()).toEqual(before);
    await cancelPlan(alice.id, alicePlan);
    const afterCancel = await counts();
    await expect(sendMessage(bob.id, matchId, "message", "Still coming?")).rejects.toThrow(/Alice’s out/);
    await expect(sendMessage(alice.id, matchId, "spot", "Here")).rejects.toThrow(/plan for this is off/);
    expect(await counts()).toEqual(afterCancel);
  });

  it("are rate-limited", async () => {
    const { bob, matchId } = await matched();
    for (let i = 0; i < 20; i++) await sendMessage(bob.id, matchId, "message", `Message ${i}`);
    await expect(sendMessage(bob.id, matchId, "message", "One more")).rejects.toThrow(/too many|try again/i);
    expect(await db().matchMessage.count()).toBe(20);
  });
});

describe("who may send", () => {
  const refused = async (act: () => Promise<unknown>) => {
    const before = await counts();
    await expect(act()).rejects.toBeInstanceOf(NotFoundError);
    expect(await counts()).toEqual(before);
  };

  it("a stranger and a friend of one side: 'not found', nothing stored", async () => {
    const { alice, matchId } = await matched();
    const carol = await person("Carol");
    await friends(alice, carol);
    for (const outsider of [await person("Mallory"), carol]) {
      await refused(() => sendMessage(outsider.id, matchId, "spot", "Come to my place"));
      await refused(() => sendMessage(outsider.id, matchId, "message", "hi"));
    }
  });

  it("a removed friend and a blocked one: 'not found', nothing stored, and the page is closed", async () => {
    const first = await matched();
    await removeFriend(first.bob.id, first.alice.id);
    await refused(() => sendMessage(first.alice.id, first.matchId, "message", "hello?"));
    await resetDatabase();
    const second = await matched();
    await blockUser(second.alice.id, second.bob.id);
    await refused(() => sendMessage(second.bob.id, second.matchId, "spot", "Steamer Lane"));
    expect(await getMatch(second.bob.id, second.matchId)).toBeNull();
  });
});
