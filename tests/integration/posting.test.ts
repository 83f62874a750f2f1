import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/server/db";
import { createPlan, listActivePlans } from "@/lib/server/plans/plans";
import { PLANS_PER_USER } from "@/lib/server/rate-limit";
import { closeDatabase, refuseConnections, resetDatabase } from "../support/db";
import { BUDGET_REFUSAL, carcavelos, cascais, faro, friends, HOUR, porto, post } from "../support/matching";
import { person } from "../support/people";

beforeEach(resetDatabase);
afterAll(closeDatabase);

describe("posting a plan", () => {
  it("answers with the plan as its owner's list shows it, without the cell", async () => {
    const alice = await person("Alice");
    const { plan } = await post(alice, { note: "spare board" });
    const {
      plans: [listed],
    } = await listActivePlans(alice.id);
    expect(plan).toEqual(listed);
    expect(plan).toMatchObject({ activity: "surfing", note: "spare board", area: expect.stringMatching(/^an area of /) });
    expect(plan).not.toHaveProperty("cell");
    const stored = await db().plan.findUniqueOrThrow({ where: { id: plan.id }, select: { cell: true } });
    for (const cell of [carcavelos, stored.cell]) expect(JSON.stringify(plan)).not.toContain(cell);
  });

  it("is refused for a disabled account, and nothing is written", async () => {
    const alice = await person("Alice");
    await db().user.update({ where: { id: alice.id }, data: { disabledAt: new Date() } });
    await expect(post(alice)).rejects.toThrow(/couldn’t find that/);
    expect(await db().plan.count()).toBe(0);
  });
});

describe("posting the same plan again (its answer was lost)", () => {
  it("stores one plan per post key, answers the retry with that plan, and tells a friend once", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await friends(alice, bob);
    await post(bob, { cell: cascais });
    const postKey = randomUUID();
    const first = await post(alice, { postKey });
    const retry = await post(alice, { postKey });
    expect(retry.plan).toEqual(first.plan);
    expect(retry.matches).toBe(0);
    expect(await db().plan.count({ where: { userId: alice.id } })).toBe(1);
    expect(await db().notification.count({ where: { userId: bob.id } })).toBe(1);

    await post(alice, { postKey: randomUUID() });
    expect(await db().plan.count({ where: { userId: alice.id } })).toBe(2);
  });

  it("the same post arriving twice at once stores one plan", async () => {
    const alice = await person("Alice");
    const postKey = randomUUID();
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(alice, { postKey })));
    expect(new Set(answers.map((answer) => answer.plan.id)).size).toBe(1);
    expect(await db().plan.count()).toBe(1);
  });

  it("a retry takes nothing from the hourly limit or the daily area budget", async () => {
    const alice = await person("Alice");
    const postKey = randomUUID();
    for (let i = 0; i < PLANS_PER_USER.points + 5; i++) await post(alice, { postKey });
    // Three areas a day: the retries of the first did not use any of the other two.
    await post(alice, { cell: porto });
    await post(alice, { cell: faro });
    await expect(post(alice, { cell: cascais })).rejects.toThrow(BUDGET_REFUSAL);
    expect(await db().plan.count()).toBe(3);
  });

  it("one person's key is theirs alone: another's post with the same key is a plan of its own", async () => {
    const [alice, mallory] = [await person("Alice"), await person("Mallory")];
    const postKey = randomUUID();
    const mine = await post(alice, { postKey, note: "alice's" });
    const theirs = await post(mallory, { postKey });
    expect(theirs.plan.id).not.toBe(mine.plan.id);
    expect(theirs.plan.note).toBeNull();
    expect(await db().plan.count()).toBe(2);
  });
});

describe("matching after the answer", () => {
  it("a match step the database refuses for a moment is tried again, not left for the safety net", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await friends(alice, bob);
    await post(bob, { cell: cascais });
    const now = new Date();
    const { match } = await createPlan(
      alice.id,
      { activity: "surfing", startsAt: now, endsAt: new Date(now.getTime() + HOUR), cell: carcavelos, travelKm: 10, audience: "close", note: undefined },
      now,
    );
    refuseConnections((nth) => nth <= 2); // busy twice, as right after a restart
    const matched = await match();
    vi.restoreAllMocks();
    expect(matched).toBe(1);
    expect(await db().plan.count({ where: { matchedAt: null } })).toBe(0);
  });
});
