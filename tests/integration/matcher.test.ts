import pg from "pg";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db, pool } from "@/lib/server/db";
import { cancelPlan, listActivePlans } from "@/lib/server/plans/plans";
import { runMatchSafetyNet, SAFETY_NET_BATCH, SAFETY_NET_DELAY_MS } from "@/lib/server/plans/matcher";
import { listNotifications } from "@/lib/server/live/inbox";
import { getPrivacySettings, setPausedUntil } from "@/lib/server/privacy/settings";
import { PAUSED_INDEFINITELY } from "@/lib/validation/settings";
import { closeDatabase, resetDatabase } from "../support/db";
import { carcavelos, cascais, friends, HOUR, MINUTE, porto, post } from "../support/matching";
import { person } from "../support/people";
import { editAndMatch, resumeAndMatch } from "../support/plans";

beforeEach(resetDatabase);
afterAll(closeDatabase);

const matchCount = () => db().match.count();

describe("a match", () => {
  it("tells both friends who, what, when and 'in your area', and records what each was told", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await friends(alice, bob);
    await post(alice);
    const later = new Date(Date.now() + 60_000);
    await post(bob, { cell: cascais, startsAt: later, endsAt: new Date(later.getTime() + HOUR) });

    expect(await matchCount()).toBe(1);
    const [toAlice] = await listNotifications(alice.id);
    const [toBob] = await listNotifications(bob.id);
    expect(toAlice?.text).toBe("Bob is up for surfing too — in your area");
    expect(toBob?.text).toBe("Alice is up for surfing too — in your area");
    // Each is told the *other's* window.
    expect(toAlice?.window?.startsAt.getTime()).toBe(later.getTime());
    expect(toBob?.window?.endsAt.getTime() ?? 0).toBeGreaterThan(later.getTime() + HOUR);

    const ledger = await db().disclosure.findMany({ select: { subjectId: true, recipientId: true, activity: true } });
    expect(ledger).toEqual(
      expect.arrayContaining([
        { subjectId: alice.id, recipientId: bob.id, activity: "surfing" },
        { subjectId: bob.id, recipientId: alice.id, activity: "surfing" },
      ]),
    );
    expect(ledger).toHaveLength(2);
  });

  it("never puts a cell id or a distance in what either side reads", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await friends(alice, bob);
    await post(alice);
    await post(bob, { cell: cascais });
    const seen = JSON.stringify([await listNotifications(alice.id), await listNotifications(bob.id)]);
    expect(seen).not.toContain(carcavelos);
    expect(seen).not.toContain(cascais);
    expect(seen).not.toMatch(/\bkm\b|metres|miles/);
  });
});

describe("no match when", () => {
  async function pair(options?: { aMarksB?: boolean; bMarksA?: boolean }) {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await friends(alice, bob, options);
    return { alice, bob };
  }

  it("the activity differs", async () => {
    const { alice, bob } = await pair();
    await post(alice);
    await post(bob, { activity: "tennis" });
    expect(await matchCount()).toBe(0);
  });

  it("the windows overlap by less than 15 minutes", async () => {
    const { alice, bob } = await pair();
    const now = new Date();
    await post(alice, {}, now);
    const start = new Date(now.getTime() + 2 * HOUR - 14 * 60_000);
    await post(bob, { startsAt: start, endsAt: new Date(start.getTime() + HOUR) }, now);
    expect(await matchCount()).toBe(0);
  });

  it("the areas are farther apart than either would travel", async () => {
    const { alice, bob } = await pair();
    await post(alice, { travelKm: 2 });
    await post(bob, { cell: cascais, travelKm: 25 });
    expect(await matchCount()).toBe(0);
    const [carol, dan] = [await person("Carol"), await person("Dan")];
    await friends(carol, dan);
    await post(carol, { travelKm: 25 });
    await post(dan, { cell: porto, travelKm: 25 });
    expect(await matchCount()).toBe(0);
  });

  it("Alice posts for close friends and has not marked Bob close (even though he marked her)", async () => {
    const { alice, bob } = await pair({ aMarksB: false, bMarksA: true });
    await post(alice, { audience: "close" });
    await post(bob, { audience: "close" });
    expect(await matchCount()).toBe(0);
  });

  it("Bob posts for close friends and has not marked Alice close", async () => {
    const { alice, bob } = await pair({ aMarksB: true, bMarksA: false });
    await post(alice, { audience: "friends" });
    await post(bob, { audience: "close" });
    expect(await matchCount()).toBe(0);
  });

  it("…but 'all friends' on both sides matches without any close mark", async () => {
    const { alice, bob } = await pair({ aMarksB: false, bMarksA: false });
    await post(alice, { audience: "friends" });
    await post(bob, { audience: "friends" });
    expect(await matchCount()).toBe(1);
  });

  it("either has blocked the other", async () => {
    const { alice, bob } = await pair();
    await db().block.create({ data: { blockerId: bob.id, blockedId: alice.id } });
    await post(alice);
    await post(bob);
    expect(await matchCount()).toBe(0);
  });

  it("either is paused (ghost mode), on both sides of the post", async () => {
    const { alice, bob } = await pair();
    await db().user.update({ where: { id: alice.id }, data: { pausedUntil: new Date(Date.now() + HOUR) } });
    await post(alice);
    await post(bob);
    expect(await matchCount()).toBe(0);
    expect(await listNotifications(bob.id)).toEqual([]);
  });

  it("the earlier plan was cancelled", async () => {
    const { alice, bob } = await pair();
    const {
      plan: { id },
    } = await post(alice);
    await cancelPlan(alice.id, id);
    await post(bob);
    expect(await matchCount()).toBe(0);
  });

  it("the earlier plan has ended", async () => {
    const { alice, bob } = await pair();
    const past = new Date(Date.now() - 3 * HOUR);
    await db().plan.create({
      data: { userId: alice.id, activity: "surfing", startsAt: past, endsAt: new Date(past.getTime() + HOUR), cell: carcavelos, travelKm: 10, matchedAt: past },
    });
    await post(bob, { startsAt: past, endsAt: new Date(Date.now() + HOUR) });
    expect(await matchCount()).toBe(0);
  });

  it("they are not friends, or no longer are — whatever the cell and activity", async () => {
    const [alice, stranger, exFriend] = [await person("Alice"), await person("Stranger"), await person("Ex")];
    await friends(alice, exFriend);
    await db().friendship.deleteMany({ where: { OR: [{ ownerId: exFriend.id }, { friendId: exFriend.id }] } });
    await post(alice, { audience: "friends" });
    await post(stranger, { audience: "friends" });
    await post(exFriend, { audience: "friends" });
    expect(await matchCount()).toBe(0);
    expect(await listNotifications(stranger.id)).toEqual([]);
    expect(await listNotifications(exFriend.id)).toEqual([]);
  });
});

describe("exactly once", () => {
  it("two friends posting at the same instant make exactly one match, 100 times out of 100", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await friends(alice, bob);
    for (let trial = 0; trial < 100; trial++) {
      await pool().query("TRUNCATE matches, disclosures, notifications, plans, rate_limits CASCADE");
      await Promise.all([post(alice), post(bob, { cell: cascais })]);
      expect(await matchCount(), `trial ${trial}`).toBe(1);
      expect(await db().notification.count(), `trial ${trial}`).toBe(2);
    }
  }, 120_000); // 200 posts: give a busy two-core machine room

  it("a crash between the plan's commit and matching is repaired once by the safety net", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await friends(alice, bob);
    await post(alice);
    // Bob's plan committed, then the process died before its matcher ran.
    const now = new Date();
    await db().plan.create({
      data: { userId: bob.id, activity: "surfing", startsAt: now, endsAt: new Date(now.getTime() + HOUR), cell: cascais, travelKm: 10, areaCounted: true },
    });
    expect(await matchCount()).toBe(0);
    const later = new Date(Date.now() + SAFETY_NET_DELAY_MS + 1000);
    expect(await runMatchSafetyNet(later)).toEqual({ matched: 1, failed: 0 });
    expect(await runMatchSafetyNet(later)).toEqual({ matched: 0, failed: 0 });
    expect(await matchCount()).toBe(1);
    expect(await db().notification.count()).toBe(2);
  });

  it(`after a crash in a burst, one run of the safety net matches every plan left, not only ${SAFETY_NET_BATCH}`, async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await friends(alice, bob);
    const now = new Date();
    const left = 2 * SAFETY_NET_BATCH + 30;
    // Committed, never matched: Bob's plans of many activities, and Alice's matching the last one.
    await db().plan.createMany({
      data: Array.from({ length: left }, (_, i) => ({
        userId: bob.id,
        activity: `activity ${i}`,
        startsAt: now,
        endsAt: new Date(now.getTime() + HOUR),
        cell: cascais,
        travelKm: 10,
        areaCounted: true,
        createdAt: new Date(now.getTime() - 60_000 + i),
      })),
    });
    await db().plan.create({
      data: {
        userId: alice.id,
        activity: `activity ${left - 1}`,
        startsAt: now,
        endsAt: new Date(now.getTime() + HOUR),
        cell: carcavelos,
        travelKm: 10,
        areaCounted: true,
        createdAt: new Date(now.getTime() - 30_000),
      },
    });
    expect(await runMatchSafetyNet(new Date(Date.now() + SAFETY_NET_DELAY_MS))).toEqual({ matched: 1, failed: 0 });
    expect(await db().plan.count({ where: { matchedAt: null } })).toBe(0);
  });

  it("one post matches each friend once, however many of their plans overlap it, and every friend it reaches", async () => {
    const [alice, bob, carol] = [await person("Alice"), await person("Bob"), await person("Carol")];
    await friends(alice, bob);
    await friends(carol, bob);
    await post(alice);
    await post(alice, { startsAt: new Date(Date.now() + MINUTE) });
    await post(carol, { cell: cascais });
    expect(await matchCount()).toBe(0);
    await post(bob);
    expect(await matchCount()).toBe(2);
    // Two matches of one plan: one huddle, one line in Bob's inbox.
    expect((await listNotifications(bob.id)).map((n) => n.text)).toEqual([
      expect.stringMatching(/^You, (Alice and Carol|Carol and Alice) are up for surfing — in your area$/),
    ]);
    expect(await listNotifications(alice.id)).toHaveLength(1);
    expect(await listNotifications(carol.id)).toHaveLength(1);
    expect(await db().disclosure.count()).toBe(4);
    expect(await db().matchMember.count()).toBe(4);
  });

  it("a friend's plan cancelled while it is being checked does not stop the other friends' checks", async () => {
    const [victim, leaving, staying] = [await person("Victim"), await person("Leaving"), await person("Staying")];
    for (const friend of [leaving, staying]) await friends(victim, friend);
    const { plan: going } = await post(leaving);
    await post(staying);
    // The cancel deletes the plan and stops before its commit: the victim's matching then reads the
    // plan as still there, and its match insert waits for the cancel, which then commits.
    const deleting = new Set<pg.Client>();
    let reached!: () => void;
    const atCommit = new Promise<void>((resolve) => (reached = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const original = pg.Client.prototype.query;
    vi.spyOn(pg.Client.prototype, "query").mockImplementation(function (this: pg.Client, ...args: unknown[]) {
      const config = args[0] as string | { text?: string };
      const text = typeof config === "string" ? config : (config?.text ?? "");
      if (text.startsWith("DELETE FROM plans WHERE id = $1 AND user_id = $2")) deleting.add(this);
      if (text !== "COMMIT" || !deleting.delete(this)) return (original as (...a: unknown[]) => unknown).apply(this, args);
      reached();
      return gate.then(() => (original as (...a: unknown[]) => unknown).apply(this, args));
    } as typeof original);
    try {
      const cancelling = cancelPlan(leaving.id, going.id);
      await atCommit;
      const posting = post(victim);
      await new Promise((resolve) => setTimeout(resolve, 500));
      release();
      await cancelling;
      const { matches } = await posting;
      expect(matches).toBe(1);
    } finally {
      vi.restoreAllMocks();
    }
    expect(await listNotifications(victim.id)).toEqual([expect.objectContaining({ text: "Staying is up for surfing too — in your area" })]);
    expect(await db().plan.count({ where: { userId: victim.id, matchedAt: null } })).toBe(0);
  });

  it("re-posting within 6 hours tells nobody a second time", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await friends(alice, bob);
    await post(alice);
    await post(bob);
    await post(alice, { travelKm: 25 });
    await post(bob, { travelKm: 5 });
    expect(await matchCount()).toBe(1);
    expect(await listNotifications(alice.id)).toHaveLength(1);
  });
});

describe("pausing", () => {
  it("blocks matching while it lasts and ends on time", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await friends(alice, bob);
    const now = new Date();
    await setPausedUntil(alice.id, new Date(now.getTime() + HOUR));
    await post(alice, {}, now);
    await post(bob, {}, now);
    expect(await matchCount()).toBe(0);
    // An hour and a bit later the pause has run out by itself: a new post of Bob's finds Alice's plan.
    const later = new Date(now.getTime() + HOUR + 60_000);
    await post(bob, { startsAt: later, endsAt: new Date(later.getTime() + HOUR) }, later);
    expect(await matchCount()).toBe(1);
  });

  it("resuming by hand lets the next post match", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await friends(alice, bob);
    await setPausedUntil(bob.id, PAUSED_INDEFINITELY);
    await post(alice);
    await post(bob);
    expect(await matchCount()).toBe(0);
    expect((await getPrivacySettings(bob.id)).pausedUntil).toEqual(PAUSED_INDEFINITELY);
    await setPausedUntil(bob.id, null);
    await post(bob, { travelKm: 25 });
    expect(await matchCount()).toBe(1);
  });

  it("resuming by hand matches the plans already there: a friend's posted during the pause, and one's own", async () => {
    const [alice, bob, carol] = [await person("Alice"), await person("Bob"), await person("Carol")];
    await friends(alice, bob);
    await friends(alice, carol);
    await post(alice);
    await setPausedUntil(alice.id, new Date(Date.now() + HOUR));
    await post(bob); // finds nobody: Alice is paused
    await post(alice, { activity: "tennis" }); // posted while paused
    await post(carol, { activity: "tennis" }); // finds nobody either
    expect(await matchCount()).toBe(0);

    expect(await resumeAndMatch(alice.id)).toBe(2);
    expect(await matchCount()).toBe(2);
    expect(await resumeAndMatch(alice.id)).toBe(0); // again: nobody is told twice
    expect((await listNotifications(bob.id)).map((n) => n.text)).toEqual(["Alice is up for surfing too — in your area"]);
    expect((await listNotifications(carol.id)).map((n) => n.text)).toEqual(["Alice is up for tennis too — in your area"]);
  });

  it("when a pause runs out by itself, the safety net matches the plans already there", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await friends(alice, bob);
    const now = new Date();
    await post(bob, {}, now);
    await setPausedUntil(alice.id, new Date(now.getTime() + 60_000));
    await post(alice, {}, now); // posted while paused: nobody told
    expect(await matchCount()).toBe(0);
    expect(await runMatchSafetyNet(new Date(now.getTime() + 30_000))).toEqual({ matched: 0, failed: 0 }); // still paused
    const later = new Date(now.getTime() + 90_000); // the pause ended 30 s ago
    expect(await runMatchSafetyNet(later)).toEqual({ matched: 1, failed: 0 });
    expect(await runMatchSafetyNet(new Date(later.getTime() + 30_000))).toEqual({ matched: 0, failed: 0 }); // once
    expect(await matchCount()).toBe(1);
  });

  it("…however many other plans' pauses run out at the same time", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await friends(alice, bob);
    const t0 = new Date();
    const pauseEnds = new Date(t0.getTime() + HOUR);
    // More plans than one safety-net batch, of others whose pauses end with Alice's, all starting earlier.
    for (let k = 0; k < 3; k++) {
      const other = await person(`Other ${k}`);
      await db().plan.createMany({
        data: Array.from({ length: SAFETY_NET_BATCH / 2 }, () => ({
          userId: other.id,
          activity: `other ${k}`,
          cell: carcavelos,
          travelKm: 10,
          areaCounted: true,
          matchedAt: t0,
          startsAt: new Date(t0.getTime() - 10 * 60_000),
          endsAt: new Date(t0.getTime() + 3 * HOUR),
        })),
      });
      await setPausedUntil(other.id, pauseEnds);
    }
    await setPausedUntil(alice.id, pauseEnds);
    await post(alice, { endsAt: new Date(t0.getTime() + 3 * HOUR) }, t0);
    await post(bob, { endsAt: new Date(t0.getTime() + 3 * HOUR) }, t0); // Alice is paused: nobody told
    expect(await matchCount()).toBe(0);
    expect(await runMatchSafetyNet(new Date(pauseEnds.getTime() + 30_000))).toEqual({ matched: 1, failed: 0 });
    expect(await matchCount()).toBe(1);
  });
});

describe("editing a plan", () => {
  it("moving a plan's window onto a friend's makes the match; only the owner can edit", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await friends(alice, bob);
    const tomorrow = new Date(Date.now() + 24 * HOUR);
    const {
      plan: { id },
    } = await post(alice, { startsAt: tomorrow, endsAt: new Date(tomorrow.getTime() + HOUR) });
    await post(bob);
    expect(await matchCount()).toBe(0);

    const now = new Date();
    const changes = { startsAt: now, endsAt: new Date(now.getTime() + HOUR), travelKm: 25, audience: "close" as const, note: "spare board" };
    await expect(editAndMatch(bob.id, id, changes)).rejects.toThrow(/couldn’t find that/);
    expect(await editAndMatch(alice.id, id, changes)).toBe(1);
    const {
      plans: [mine],
    } = await listActivePlans(alice.id);
    expect(mine).toMatchObject({ travelKm: 25, note: "spare board" });
    expect(JSON.stringify(mine)).not.toContain(carcavelos); // the owner's own list names no cell either
  });
});

describe("editing a plan under way", () => {
  it("keeps its own start (to the minute the form shows) but cannot be backdated", async () => {
    const alice = await person("Alice");
    const now = new Date();
    const started = new Date(now.getTime() - 40 * 60_000 - 17_000); // 40 min 17 s ago
    const { plan } = await post(alice, { startsAt: started, endsAt: new Date(now.getTime() + HOUR) }, started);
    const asShown = new Date(Math.floor(started.getTime() / 60_000) * 60_000); // the form's minute
    const changes = { startsAt: asShown, endsAt: new Date(now.getTime() + HOUR), travelKm: 25, audience: "close" as const, note: "Paddling out" };
    await editAndMatch(alice.id, plan.id, changes, now);
    const stored = await db().plan.findUniqueOrThrow({ where: { id: plan.id }, select: { startsAt: true, note: true } });
    expect(stored).toEqual({ startsAt: started, note: "Paddling out" });

    const earlier = new Date(started.getTime() - 2 * HOUR);
    await expect(editAndMatch(alice.id, plan.id, { ...changes, startsAt: earlier, note: "backdated" }, now)).rejects.toThrow(/keeps its start time/);
    expect((await db().plan.findUniqueOrThrow({ where: { id: plan.id }, select: { startsAt: true, note: true } })).note).toBe("Paddling out");
  });
});

describe("the time two plans share", () => {
  // Both plans under way since an hour ago; Bob's is out of Alice's reach until he edits it.
  async function editedOntoAlices(aliceMinutesLeft: number) {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await friends(alice, bob);
    const now = new Date();
    const started = new Date(now.getTime() - HOUR);
    await db().plan.create({
      data: {
        userId: alice.id,
        activity: "surfing",
        startsAt: started,
        endsAt: new Date(now.getTime() + aliceMinutesLeft * 60_000),
        cell: cascais,
        travelKm: 25,
        matchedAt: started,
        areaCounted: true,
      },
    });
    const { plan } = await post(bob, { startsAt: started, endsAt: new Date(now.getTime() + HOUR), travelKm: 2 }, started);
    expect(await matchCount()).toBe(0);
    await editAndMatch(bob.id, plan.id, { startsAt: started, endsAt: new Date(now.getTime() + HOUR), travelKm: 25, audience: "close", note: "" }, now);
    return matchCount();
  }

  it("counts from now on: a friend's plan with 14 minutes left is not a match, however long they shared before", async () => {
    expect(await editedOntoAlices(14)).toBe(0);
  });

  it("…and with 20 minutes left it is", async () => {
    expect(await editedOntoAlices(20)).toBe(1);
  });
});

describe("posting limits", () => {
  it("allows 20 posts an hour", async () => {
    const alice = await person("Alice");
    for (let i = 0; i < 20; i++) await post(alice);
    await expect(post(alice)).rejects.toThrow(/Too many attempts/);
    expect(await db().plan.count()).toBe(20);
  });
});
