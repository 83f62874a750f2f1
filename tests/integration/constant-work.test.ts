import pg from "pg";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db, pool } from "@/lib/server/db";
import { inboxLockKeys } from "@/lib/server/live/notifications";
import { pairLockKey } from "@/lib/server/social/relationships";
import { createPlan, updatePlan } from "@/lib/server/plans/plans";
import { pauseSharing, resumeSharing, setPausedUntil } from "@/lib/server/privacy/settings";
import { closeDatabase, resetDatabase } from "../support/db";
import { carcavelos, friends, HOUR, porto, post } from "../support/matching";
import { person, type Person } from "../support/people";
import { editAndMatch } from "../support/plans";
import { logStatements, type LoggedStatement } from "../support/statements";

// A friend who times our answers must learn nothing about where anyone is, nor about their other
// plans, pause or close marks (docs/privacy-model.md, section 2). Exact, not timed: every statement
// sent to Postgres is logged, and the sequences compared.

beforeEach(resetDatabase);
afterAll(closeDatabase);

describe("constant work", () => {
  // Every statement the app sends to Postgres, in order, without its values.
  let log: LoggedStatement[];
  beforeEach(() => {
    log = logStatements();
  });
  afterEach(() => vi.restoreAllMocks());

  async function statementsOf(run: () => Promise<unknown>): Promise<string[]> {
    log.length = 0;
    await run();
    return log.map((statement) => statement.text);
  }

  it("posting sends the same statements whether the friend's plan is in reach, out of reach, or in reach under the cooldown", async () => {
    const [victim, far, near, again] = [await person("Victim"), await person("Far"), await person("Near"), await person("Again")];
    for (const friend of [far, near, again]) await friends(victim, friend);
    await post(victim);
    await post(again); // a match: the next one is within the 6-hour cooldown and tells nobody anything
    expect(await db().match.count()).toBe(1);

    const outOfReach = await statementsOf(() => post(far, { cell: porto, travelKm: 2 }));
    const underCooldown = await statementsOf(() => post(again));
    const matching = await statementsOf(() => post(near));
    expect(await db().match.count()).toBe(2);
    expect(outOfReach.length).toBeGreaterThan(5);
    expect(underCooldown).toEqual(outOfReach);
    expect(matching).toEqual(outOfReach);
  });

  it("the answer to a post, an edit or a resume does not wait for matching: friends' plans, pauses and close marks do not change it", async () => {
    // Four askers, each with one friend: five overlapping surfing plans; none; five but paused; five
    // for close friends only, without marking the asker close.
    const askers: Person[] = [];
    const now = new Date();
    for (const kind of ["plans", "none", "paused", "not close"]) {
      const [asker, friend] = [await person(`Asker ${kind}`), await person(`Friend ${kind}`)];
      await friends(asker, friend);
      if (kind === "not close") await db().friendship.updateMany({ where: { ownerId: friend.id }, data: { close: false } });
      if (kind !== "none") for (let i = 0; i < 5; i++) await post(friend, { cell: porto }, now);
      if (kind === "paused") await setPausedUntil(friend.id, new Date(now.getTime() + HOUR));
      askers.push(asker);
    }
    const plan = {
      activity: "surfing",
      startsAt: now,
      endsAt: new Date(now.getTime() + HOUR),
      cell: carcavelos,
      travelKm: 10,
      audience: "close" as const,
      note: undefined,
    };
    const answers = [];
    for (const asker of askers) {
      const posting = await statementsOf(() => createPlan(asker.id, plan, now));
      const { id } = await db().plan.findFirstOrThrow({ where: { userId: asker.id }, select: { id: true } });
      const editing = await statementsOf(() => updatePlan(asker.id, id, { ...plan, note: "" }, now));
      await pauseSharing(asker.id, new Date(now.getTime() + HOUR));
      const resuming = await statementsOf(() => resumeSharing(asker.id, now));
      answers.push({ posting, editing, resuming });
    }
    for (const answer of answers.slice(1)) expect(answer).toEqual(answers[0]);
    // …and the matching that follows does depend on them: it is simply not part of the answer.
    expect(await statementsOf(async () => (await createPlan(askers[0]!.id, plan, now)).match())).not.toEqual(
      await statementsOf(async () => (await createPlan(askers[1]!.id, plan, now)).match()),
    );
  });

  it("two plans that already matched and outlive the cooldown are checked again like any other: no refused insert", async () => {
    const [victim, again, far] = [await person("Victim"), await person("Again"), await person("Far")];
    for (const friend of [again, far]) await friends(victim, friend);
    const t0 = new Date();
    const long = { endsAt: new Date(t0.getTime() + 12 * HOUR) };
    await post(victim, long, t0);
    const { plan: near } = await post(again, long, t0);
    const { plan: away } = await post(far, { ...long, cell: porto }, t0);
    expect(await db().match.count()).toBe(1);
    const later = new Date(t0.getTime() + 7 * HOUR); // the 6-hour cooldown is over, both plans still run
    const changes = { startsAt: t0, endsAt: long.endsAt, travelKm: 10, audience: "close" as const, note: "" };
    const inReach = await statementsOf(() => editAndMatch(again.id, near.id, changes, later));
    const outOfReach = await statementsOf(() => editAndMatch(far.id, away.id, changes, later));
    expect(inReach).toEqual(outOfReach);
    expect(inReach).not.toContain("ROLLBACK");
    expect(await db().match.count()).toBe(1);
  });

  it("editing a plan does too, in reach or not", async () => {
    const [victim, far, again] = [await person("Victim"), await person("Far"), await person("Again")];
    for (const friend of [far, again]) await friends(victim, friend);
    const now = new Date();
    await post(victim, {}, now);
    const { plan: farPlan } = await post(far, { cell: porto }, now);
    const { plan: nearPlan } = await post(again, {}, now);
    expect(await db().match.count()).toBe(1);
    const changes = { startsAt: now, endsAt: new Date(now.getTime() + HOUR), travelKm: 10, audience: "close" as const, note: "" };
    const outOfReach = await statementsOf(() => editAndMatch(far.id, farPlan.id, changes, now));
    const underCooldown = await statementsOf(() => editAndMatch(again.id, nearPlan.id, changes, now));
    expect(underCooldown).toEqual(outOfReach);
  });

  it("a post's matching holds each friend's pair and inbox locks only while that friend's plans are checked", async () => {
    // How long a lock is held is something a friend can feel, by timing any action that takes it
    // (an answer in an open meet-up takes the pair's): it must not depend on anyone else's plans.
    const [victim, first, second] = [await person("Victim"), await person("First"), await person("Second")];
    for (const friend of [first, second]) await friends(victim, friend);
    await post(first);
    await post(second);
    // The victim's post is matched with both; stop it just before the second friend's check.
    let reached!: () => void;
    const atSecond = new Promise<void>((resolve) => (reached = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    vi.restoreAllMocks(); // (this test does not log statements)
    const original = pg.Client.prototype.query;
    vi.spyOn(pg.Client.prototype, "query").mockImplementation(function (this: pg.Client, ...args: unknown[]) {
      const config = args[0] as { text?: string; values?: unknown[][] };
      const involvesSecond = config?.text?.includes("WITH pairs AS") && JSON.stringify(config.values?.slice(0, 2)).includes(second.id);
      if (!involvesSecond) return (original as (...a: unknown[]) => unknown).apply(this, args);
      reached();
      return gate.then(() => (original as (...a: unknown[]) => unknown).apply(this, args));
    } as typeof original);
    const posting = post(victim);
    await atSecond;
    const probe = await pool().connect();
    try {
      const free = async (key: string) => {
        const [{ locked }] = (await probe.query("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked", [key])).rows as [{ locked: boolean }];
        if (locked) await probe.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [key]);
        return locked;
      };
      expect(await free(pairLockKey(victim.id, first.id))).toBe(true);
      expect(await free(inboxLockKeys([first.id])[0]!)).toBe(true);
      expect(await free(pairLockKey(victim.id, second.id))).toBe(false);
    } finally {
      probe.release();
      release();
    }
    await posting;
    expect(await db().match.count()).toBe(2);
  });
});
