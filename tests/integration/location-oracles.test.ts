import { cellToLatLng, gridDisk } from "h3-js";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { areasWithin, snapToCell } from "@/lib/geo";
import { AREA_WINDOW_MS, AREAS_PER_DAY } from "@/lib/server/plans/area-budget";
import { db } from "@/lib/server/db";
import { deleteLocationData } from "@/lib/server/privacy/deletion";
import { cancelPlan, MAX_ACTIVE_PLANS } from "@/lib/server/plans/plans";
import { getProbeNotices } from "@/lib/server/privacy/my-data";
import { pauseSharing, resumeSharing, setPausedUntil, updatePrivacySettings } from "@/lib/server/privacy/settings";
import { closeDatabase, resetDatabase } from "../support/db";
import { BUDGET_REFUSAL, braga, carcavelos, faro, friends, HOUR, MINUTE, porto, post, type Plan } from "../support/matching";
import { person, type Person } from "../support/people";
import { editAndMatch, resumeAndMatch } from "../support/plans";

// The attacker is an accepted friend who controls their own client: any area, radius and time, any
// number of posts, edits, cancels, pauses and deletions, and a stopwatch. These tests replay what such
// a friend did to find a victim's neighbourhood (docs/privacy-model.md) and prove the bounds it states.

beforeEach(resetDatabase);
afterAll(closeDatabase);

/** Whether posting from `cell` is accepted (true) or refused by the area budget (false). */
async function tryPost(p: Person, overrides: Partial<Plan>, now = new Date()): Promise<{ accepted: boolean; matches: number }> {
  try {
    return { accepted: true, matches: (await post(p, overrides, now)).matches };
  } catch (error) {
    expect((error as Error).message).toMatch(BUDGET_REFUSAL);
    return { accepted: false, matches: 0 };
  }
}

describe("raster probing", () => {
  it("a friend posting from a raster of made-up areas gets at most 3 answers a day, and they do not pin the victim", async () => {
    const [victim, attacker] = [await person("Victim"), await person("Attacker")];
    await friends(victim, attacker);
    await post(victim, { travelKm: 2 });

    // Res-7 cells within 3 rings of the victim's, 12 of them scanned in raster order (north-west first),
    // as the attack that pinned a victim's cell in 12 posts did; each probe cancelled after its answer.
    const grid = gridDisk(carcavelos, 3);
    const raster = [...grid].sort((a, b) => cellToLatLng(b)[0] - cellToLatLng(a)[0] || cellToLatLng(a)[1] - cellToLatLng(b)[1]).slice(0, 12);
    const answers: { cell: string; matched: boolean }[] = [];
    for (const cell of raster) {
      const before = await db().plan.count();
      const { accepted, matches } = await tryPost(attacker, { cell, travelKm: 2 });
      if (accepted) {
        answers.push({ cell, matched: matches > 0 });
        const mine = await db().plan.findFirstOrThrow({ where: { userId: attacker.id }, select: { id: true } });
        await cancelPlan(attacker.id, mine.id);
      } else {
        expect(await db().plan.count(), "a refused post stores nothing").toBe(before);
      }
    }
    expect(answers).toHaveLength(AREAS_PER_DAY);

    // What the attacker can conclude: the cells of the grid consistent with every answer.
    const consistent = grid.filter((cell) => answers.every((answer) => areasWithin(answer.cell, cell, 2) === answer.matched));
    expect(consistent).toContain(carcavelos);
    // 37 cells in the grid; 3 answers from its edge leave most of them (the figure in docs/privacy-model.md).
    console.log(`raster: ${answers.length} answers, ${consistent.length} of ${grid.length} cells still possible`);
    expect(consistent.length).toBeGreaterThanOrEqual(20);
    // …and the victim was told nothing the attacker did not also see.
    expect(await db().match.count()).toBe(answers.filter((answer) => answer.matched).length);
  });

  it("an attacker choosing each probe to halve what is left needs days, not minutes, to pin a victim who posts from home every day", async () => {
    const [victim, attacker] = [await person("Victim"), await person("Attacker")];
    await friends(victim, attacker);
    // The attacker knows the town (3 rings of res-7 cells, ~190 km²) and may probe from anywhere near it.
    let possible = gridDisk(carcavelos, 3);
    const probes = gridDisk(carcavelos, 5);
    const split = (probe: string, cells: string[]) => cells.filter((cell) => areasWithin(probe, cell, 2));
    const start = Date.now();
    let days = 0;
    const afterDay: number[] = [];
    while (possible.length > 1 && days < 10) {
      let now = new Date(start + days * 27 * HOUR); // a day later, once the last probe's area has stopped counting
      await post(victim, { travelKm: 10, endsAt: new Date(now.getTime() + 12 * HOUR) }, now);
      for (let answer = 0; answer < AREAS_PER_DAY && possible.length > 1; answer++) {
        const best = probes.reduce((a, b) => {
          const worst = (probe: string) => Math.max(split(probe, possible).length, possible.length - split(probe, possible).length);
          return worst(b) < worst(a) ? b : a;
        });
        const { matches } = await post(attacker, { cell: best, travelKm: 2, endsAt: new Date(now.getTime() + HOUR) }, now);
        const near = new Set(split(best, possible));
        possible = possible.filter((cell) => near.has(cell) === matches > 0);
        // After a match the pair is not told again for 6 hours: the next answer is another day's.
        if (matches > 0) break;
        now = new Date(now.getTime() + MINUTE);
      }
      afterDay.push(possible.length);
      days++;
    }
    console.log(`adaptive probing: cells left after each day ${afterDay.join(", ")} (of 37)`);
    expect(possible).toContain(carcavelos);
    // Three yes/no answers can at best cut 37 cells to 5 (37 / 2³); the area budget makes that a day's worth.
    expect(afterDay[0]).toBeGreaterThanOrEqual(5);
    expect(days).toBeGreaterThanOrEqual(4);
  });

  it("several accounts each get their own 3 answers: k accounts the victim accepted, 3k a day", async () => {
    const victim = await person("Victim");
    await post(victim);
    for (const name of ["Sock one", "Sock two"]) {
      const sock = await person(name);
      await friends(victim, sock);
      const accepted = [];
      for (const cell of [porto, faro, braga, snapToCell(40.2033, -8.4103, 7)]) accepted.push((await tryPost(sock, { cell })).accepted);
      expect(accepted).toEqual([true, true, true, false]);
    }
  });
});

describe("the daily area budget", () => {
  it("refuses a fourth area or distance in a day and stores nothing; areas already used stay open", async () => {
    const alice = await person("Alice");
    await post(alice, { cell: porto });
    await post(alice, { cell: faro });
    await post(alice, { cell: faro, travelKm: 25 }); // a new radius is a new question
    await expect(post(alice, { cell: braga })).rejects.toThrow(BUDGET_REFUSAL);
    await expect(post(alice, { cell: porto, travelKm: 2 })).rejects.toThrow(BUDGET_REFUSAL);
    expect(await db().plan.count()).toBe(3);
    expect(await db().areaUse.count()).toBe(3);
    await post(alice, { cell: porto }); // the same area and radius again
    expect(await db().plan.count()).toBe(4);
  });

  it("is never refunded: cancelling, deleting location data, pausing and resuming leave the areas counted", async () => {
    const alice = await person("Alice");
    for (const cell of [porto, faro, braga]) {
      const { plan } = await post(alice, { cell });
      await cancelPlan(alice.id, plan.id);
    }
    await deleteLocationData(alice.id);
    await setPausedUntil(alice.id, new Date(Date.now() + HOUR));
    await resumeAndMatch(alice.id);
    await expect(post(alice, { cell: carcavelos })).rejects.toThrow(BUDGET_REFUSAL);
  });

  it("an area counts until 24 hours after the last plan set with it ended", async () => {
    const alice = await person("Alice");
    const t0 = new Date();
    for (const cell of [porto, faro]) await post(alice, { cell }, t0);
    // A plan for tomorrow evening from Braga: its area counts until a day after it ends.
    const tomorrow = new Date(t0.getTime() + 30 * HOUR);
    await post(alice, { cell: braga, startsAt: tomorrow, endsAt: new Date(tomorrow.getTime() + 2 * HOUR) }, t0);
    const freed = new Date(t0.getTime() + 2 * HOUR + AREA_WINDOW_MS); // Porto's and Faro's plans ended at t0 + 2 h
    await expect(post(alice, { cell: carcavelos }, new Date(freed.getTime() - MINUTE))).rejects.toThrow(/try again in an hour/);
    await post(alice, { cell: carcavelos }, new Date(freed.getTime() + MINUTE));
    await post(alice, { cell: porto }, new Date(freed.getTime() + MINUTE));
    // Braga's plan, which has not even started, still holds its slot.
    await expect(post(alice, { cell: faro }, new Date(freed.getTime() + 2 * MINUTE))).rejects.toThrow(BUDGET_REFUSAL);
  });

  it("holds under concurrency: two posts at once from new areas cannot both take the last slot", async () => {
    const alice = await person("Alice");
    await post(alice, { cell: porto });
    await post(alice, { cell: faro });
    const results = await Promise.allSettled([post(alice, { cell: braga }), post(alice, { cell: carcavelos })]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await db().areaUse.count()).toBe(3);
  });

  it("an edit to a new radius takes a slot like a post, and is refused the same way", async () => {
    const alice = await person("Alice");
    const now = new Date();
    const { plan } = await post(alice, { cell: porto, travelKm: 2 }, now);
    await post(alice, { cell: faro }, now);
    const edit = (travelKm: number) =>
      editAndMatch(alice.id, plan.id, { startsAt: now, endsAt: new Date(now.getTime() + HOUR), travelKm, audience: "close", note: "" }, now);
    await edit(5);
    await expect(edit(10)).rejects.toThrow(BUDGET_REFUSAL);
    expect((await db().plan.findUniqueOrThrow({ where: { id: plan.id }, select: { travelKm: true } })).travelKm).toBe(5);
    await edit(2); // back to a radius already counted
  });

  it("holds at most 20 plans coming up at once, and pausing or resuming by hand 20 times an hour", async () => {
    const alice = await person("Alice");
    const now = new Date();
    // Arranged directly: posting them would meet the 20-an-hour limit first.
    await db().plan.createMany({
      data: Array.from({ length: MAX_ACTIVE_PLANS }, (_, i) => ({
        userId: alice.id,
        activity: "surfing",
        cell: carcavelos,
        travelKm: 10,
        areaCounted: true,
        startsAt: new Date(now.getTime() + i * HOUR),
        endsAt: new Date(now.getTime() + (i + 1) * HOUR),
      })),
    });
    await expect(post(alice, {}, now)).rejects.toThrow(/20 plans coming up/);
    expect(await db().plan.count()).toBe(MAX_ACTIVE_PLANS);
    for (let i = 0; i < 10; i++) {
      await pauseSharing(alice.id, new Date(now.getTime() + HOUR));
      await resumeSharing(alice.id, now);
    }
    await expect(pauseSharing(alice.id, new Date(now.getTime() + HOUR))).rejects.toThrow(/Too many attempts/);
  });

  it("edits count against the same 20-an-hour limit as posts", async () => {
    const alice = await person("Alice");
    const now = new Date();
    const { plan } = await post(alice, {}, now);
    const edit = () =>
      editAndMatch(alice.id, plan.id, { startsAt: now, endsAt: new Date(now.getTime() + HOUR), travelKm: 10, audience: "close", note: "" }, now);
    for (let i = 0; i < 19; i++) await edit();
    await expect(edit()).rejects.toThrow(/Too many attempts/);
  });

  it("a coarser precision moves plans to areas that must fit too; a plan whose new area does not is matched with nobody", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await friends(alice, bob);
    await post(alice, { cell: porto, activity: "coffee" });
    await post(alice, { cell: faro, activity: "coffee" });
    await post(alice, { cell: carcavelos, travelKm: 2 });
    await updatePrivacySettings(alice.id, { locationResolution: 6 });
    expect(await db().plan.count({ where: { userId: alice.id, areaCounted: true } })).toBe(0);
    expect((await post(bob, { cell: carcavelos })).matches).toBe(0);
  });
});

describe("telling the person being probed", () => {
  async function prober(victim: Person) {
    const attacker = await person("Attacker");
    await friends(victim, attacker);
    for (const cell of [porto, faro]) {
      const { plan } = await post(attacker, { cell, travelKm: 2 });
      await cancelPlan(attacker.id, plan.id);
    }
    return attacker;
  }

  it("a friend's plan from their third area of the day for that activity, checked against yours, puts one notice a day in your ledger — naming nobody", async () => {
    const victim = await person("Victim");
    await post(victim, { cell: braga }); // far from the probe: no match, and still a notice
    const attacker = await prober(victim);
    await post(attacker, { cell: carcavelos });
    await post(attacker, { cell: carcavelos, startsAt: new Date(Date.now() + MINUTE) });
    expect(await db().match.count()).toBe(0);
    const notices = await getProbeNotices(victim.id);
    expect(notices.items).toEqual([expect.objectContaining({ activity: "surfing", areas: 3 })]);
    const stored = JSON.stringify(await db().probeNotice.findMany());
    for (const trace of [attacker.id, attacker.handle, attacker.displayName, carcavelos]) expect(stored).not.toContain(trace);
    expect((await getProbeNotices(attacker.id)).items).toEqual([]);
  });

  it("is one notice however many of your plans one post checks", async () => {
    const victim = await person("Victim");
    await post(victim, { cell: braga });
    await post(victim, { cell: braga, startsAt: new Date(Date.now() + MINUTE) });
    const attacker = await prober(victim);
    await post(attacker, { cell: carcavelos });
    expect(await db().match.count()).toBe(0);
    expect(await db().probeNotice.count({ where: { userId: victim.id } })).toBe(1);
  });

  it("is no way to learn about the person it would name: a friend whose areas of the day went to other activities is not reported to anyone", async () => {
    // The friend at their limit is the victim now: three areas, for three activities. The attacker,
    // whose only friend is the victim, probes from where nothing can match and reads their own ledger.
    const [victim, attacker] = [await person("Victim"), await person("Attacker")];
    await friends(victim, attacker);
    await post(victim, { cell: braga });
    await post(victim, { cell: porto, activity: "tennis" });
    await post(victim, { cell: faro, activity: "climbing" });
    await post(attacker, { cell: snapToCell(35.6762, 139.6503, 7), travelKm: 2 });
    expect((await getProbeNotices(attacker.id)).items).toEqual([]);
    expect(await db().probeNotice.count()).toBe(0);
  });

  it("says nothing when no plan of yours was checked", async () => {
    const victim = await person("Victim");
    await post(victim, { activity: "tennis" });
    const attacker = await prober(victim);
    await post(attacker, { cell: carcavelos });
    expect(await db().probeNotice.count()).toBe(0);
  });
});
