import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { coarsenTo } from "@/lib/geo";
import { db } from "@/lib/server/db";
import { ExpectedError, NotFoundError } from "@/lib/server/errors";
import { sweepRetention } from "@/lib/server/jobs/retention";
import { listNotifications } from "@/lib/server/live/inbox";
import { cancelPlan, listActivePlans } from "@/lib/server/plans/plans";
import {
  createStandingPlan,
  listStandingPlans,
  removeStandingPlan,
  setStandingPaused,
  spawnDueOccurrences,
  updateStandingPlan,
} from "@/lib/server/plans/standing";
import { deleteLocationData } from "@/lib/server/privacy/deletion";
import { collectUserData, getLedger } from "@/lib/server/privacy/my-data";
import { updatePrivacySettings } from "@/lib/server/privacy/settings";
import { MAX_STANDING_PLANS, type StandingForm } from "@/lib/validation/standing";
import { closeDatabase, resetDatabase } from "../support/db";
import { braga, carcavelos, faro, friends, HOUR, porto, post } from "../support/matching";
import { person, type Person } from "../support/people";

// Standing plans: a weekly habit whose weeks become ordinary plans a day ahead, matched like posts.
// Every call is given its clock: "Saturday" is the first Saturday at least three days from today.

beforeEach(resetDatabase);
afterAll(closeDatabase);

const DAY = 24 * HOUR;
const saturday = (() => {
  const d = new Date(Date.now() + 3 * DAY);
  while (d.getUTCDay() !== 6) d.setTime(d.getTime() + DAY);
  return d.toISOString().slice(0, 10);
})();
/** A time on that Saturday (UTC), or `days` later. */
const sat = (clock: string, days = 0) => new Date(Date.parse(`${saturday}T${clock}:00Z`) + days * DAY);
const wednesday = sat("12:00", -3);

const SURF: StandingForm = {
  activity: "surfing",
  cell: carcavelos,
  days: [6],
  from: 7 * 60,
  to: 10 * 60,
  timeZone: "UTC",
  lastOn: null,
  travelKm: 10,
  audience: "close",
};

/** A standing plan's schedule, radius and audience: what an edit sends. */
const weekly = {
  days: SURF.days,
  from: SURF.from,
  to: SURF.to,
  timeZone: SURF.timeZone,
  lastOn: SURF.lastOn,
  travelKm: SURF.travelKm,
  audience: SURF.audience,
};

const texts = async (who: Person) => (await listNotifications(who.id)).map((n) => n.text);
const stored = async () => [await db().standingPlan.count(), await db().plan.count()];

async function twoSurfers() {
  const [ana, ben] = [await person("Ana"), await person("Ben")];
  await friends(ana, ben);
  const standing = {
    ana: (await createStandingPlan(ana.id, SURF, wednesday)).id,
    ben: (await createStandingPlan(ben.id, { ...SURF, from: 8 * 60, to: 11 * 60 }, wednesday)).id,
  };
  return { ana, ben, standing };
}

describe("a standing plan's weeks", () => {
  it("become plans a day ahead; two friends who both usually surf Saturday mornings are told so once", async () => {
    const { ana, ben } = await twoSurfers();
    expect(await db().plan.count()).toBe(0);
    // Ana's week is due a day before 7:00, Ben's a day before 8:00.
    expect(await spawnDueOccurrences(sat("06:59", -1))).toEqual({ made: 0, matched: 0, failed: 0 });
    expect(await spawnDueOccurrences(sat("07:00", -1))).toEqual({ made: 1, matched: 0, failed: 0 });
    expect(await spawnDueOccurrences(sat("08:00", -1))).toEqual({ made: 1, matched: 1, failed: 0 });

    expect(await texts(ana)).toEqual(["Ben is usually up for surfing on Saturday mornings too — up for it this week?"]);
    expect(await texts(ben)).toEqual(["Ana is usually up for surfing on Saturday mornings too — up for it this week?"]);
    expect((await getLedger(ana.id)).items).toMatchObject([{ toldTo: { displayName: "Ben" }, usually: "on Saturday mornings" }]);
    const [card] = (await listActivePlans(ana.id, sat("06:30"))).plans;
    expect(card).toMatchObject({ activity: "surfing", usually: "on Saturday mornings", startsAt: sat("07:00"), endsAt: sat("10:00") });

    // Nothing more, however often (and however many processes at once) it runs.
    const again = await Promise.all([spawnDueOccurrences(sat("06:30")), spawnDueOccurrences(sat("06:30")), spawnDueOccurrences(sat("09:00"))]);
    expect(again.map((run) => run.made)).toEqual([0, 0, 0]);
    expect(await db().plan.count()).toBe(2);
    expect(await db().match.count()).toBe(1);
    // The next week's is next.
    expect((await listStandingPlans(ana.id, sat("06:30")))[0]?.next?.startsAt).toEqual(sat("07:00", 7));
  });

  it("match a friend's plan posted once, too — the friend is told it is usual, the poster is not", async () => {
    const [ana, ben] = [await person("Ana"), await person("Ben")];
    await friends(ana, ben);
    await createStandingPlan(ana.id, SURF, wednesday);
    await post(ben, { startsAt: sat("08:00"), endsAt: sat("09:00") }, sat("07:30", -1));
    expect((await spawnDueOccurrences(sat("07:30", -1))).matched).toBe(1);
    expect(await texts(ben)).toEqual(["Ana is usually up for surfing on Saturday mornings too — up for it this week?"]);
    expect(await texts(ana)).toEqual(["Ben is up for surfing too — in your area"]);
  });

  it("one week skipped stays skipped; the next is made at its time", async () => {
    const { ana } = await twoSurfers();
    await spawnDueOccurrences(sat("08:00", -1));
    const [week] = (await listActivePlans(ana.id, sat("08:00", -1))).plans;
    await cancelPlan(ana.id, week!.id);
    expect((await spawnDueOccurrences(sat("06:00"))).made).toBe(0);
    expect(await db().plan.count({ where: { userId: ana.id } })).toBe(0);
    expect((await spawnDueOccurrences(sat("07:00", 6))).made).toBe(1);
    expect((await listActivePlans(ana.id, sat("07:00", 6))).plans[0]?.startsAt).toEqual(sat("07:00", 7));
  });

  it("are not made while it is paused, and again once resumed", async () => {
    const { ana, standing } = await twoSurfers();
    await setStandingPaused(ana.id, standing.ana, true, wednesday);
    expect((await listStandingPlans(ana.id, wednesday))[0]).toMatchObject({ paused: true, next: null });
    await spawnDueOccurrences(sat("08:00", -1));
    expect(await db().plan.count({ where: { userId: ana.id } })).toBe(0);
    await setStandingPaused(ana.id, standing.ana, false, sat("08:00", -1));
    expect((await spawnDueOccurrences(sat("08:01", -1))).made).toBe(1);
    expect(await db().plan.count({ where: { userId: ana.id } })).toBe(1);
  });

  it("stop after its last day, and it is deleted as a plan would be after that", async () => {
    const ana = await person("Ana");
    const { id } = await createStandingPlan(ana.id, { ...SURF, lastOn: saturday }, wednesday);
    expect((await spawnDueOccurrences(sat("07:00", -1))).made).toBe(1);
    expect((await listStandingPlans(ana.id, sat("10:00")))[0]?.next).toBeNull();
    expect((await spawnDueOccurrences(sat("07:00", 6))).made).toBe(0);
    const [shown] = (await collectUserData(ana.id, wednesday)).standingPlans.items;
    expect(shown?.deletesAt).toBe(sat("10:00").toISOString());
    await sweepRetention(sat("10:00"));
    expect(await db().standingPlan.count({ where: { id } })).toBe(0);
  });

  it("without a last day: kept until removed, whatever the sweep", async () => {
    const ana = await person("Ana");
    await createStandingPlan(ana.id, SURF, wednesday);
    expect((await collectUserData(ana.id, wednesday)).standingPlans.items[0]?.deletesAt).toBeNull();
    await sweepRetention(sat("12:00", 3650));
    expect(await db().standingPlan.count()).toBe(1);
  });

  it("take a slot of the daily area budget like a post: past it, the week is stored but matches nobody", async () => {
    const [ana, ben] = [await person("Ana"), await person("Ben")];
    await friends(ana, ben);
    // Ana's plans used three areas today (cancelled: no refund).
    for (const far of [porto, faro, braga]) {
      const { plan } = await post(ana, { cell: far }, sat("07:00", -1));
      await cancelPlan(ana.id, plan.id);
    }
    await createStandingPlan(ana.id, SURF, wednesday);
    await post(ben, { startsAt: sat("08:00"), endsAt: sat("09:00") }, sat("07:00", -1));
    expect(await spawnDueOccurrences(sat("07:00", -1))).toMatchObject({ made: 1, matched: 0 });
    expect(await db().plan.findFirst({ where: { userId: ana.id }, select: { areaCounted: true } })).toEqual({ areaCounted: false });
    expect(await texts(ben)).toEqual([]);
  });
});

describe("editing a standing plan", () => {
  it("changes the weeks not yet made; the week already made stays as it was", async () => {
    const { ana, standing } = await twoSurfers();
    await spawnDueOccurrences(sat("08:00", -1));
    const step = await updateStandingPlan(ana.id, standing.ana, { ...weekly, days: [0], from: 16 * 60, to: 18 * 60, audience: "friends" }, sat("09:00", -1));
    expect(await step()).toBe(0);
    expect((await listStandingPlans(ana.id, sat("09:00", -1)))[0]).toMatchObject({ days: [0], startMinute: 960, endMinute: 1080, audience: "friends" });
    // This Saturday's plan stands; next comes Sunday 16:00, a day ahead.
    expect((await listActivePlans(ana.id, sat("09:00", -1))).plans.map((plan) => plan.startsAt)).toEqual([sat("07:00")]);
    expect((await spawnDueOccurrences(sat("15:59"))).made).toBe(0);
    expect((await spawnDueOccurrences(sat("16:00"))).made).toBe(1);
    expect((await listActivePlans(ana.id, sat("16:00"))).plans.map((plan) => plan.startsAt)).toEqual([sat("16:00", 1)]);
  });

  it("by anyone but its owner, or to a schedule with no day left: refused, nothing changed", async () => {
    const { ana, ben, standing } = await twoSurfers();
    await expect(updateStandingPlan(ben.id, standing.ana, { ...weekly, days: [1] }, wednesday)).rejects.toThrow(NotFoundError);
    await expect(updateStandingPlan(ana.id, standing.ana, { ...weekly, lastOn: sat("00:00", -7).toISOString().slice(0, 10) }, wednesday)).rejects.toThrow(
      ExpectedError,
    );
    expect((await listStandingPlans(ana.id, wednesday))[0]).toMatchObject({ days: [6], startMinute: 420, lastOn: null });
  });
});

describe("removing a standing plan", () => {
  it("deletes it and its week's plan; a friend in that week's match is told it is off", async () => {
    const { ana, ben, standing } = await twoSurfers();
    await spawnDueOccurrences(sat("08:00", -1));
    await removeStandingPlan(ana.id, standing.ana, sat("09:00", -1));
    expect(await db().standingPlan.count({ where: { userId: ana.id } })).toBe(0);
    expect(await db().plan.count({ where: { userId: ana.id } })).toBe(0);
    expect((await texts(ben))[0]).toBe("Surfing: Ana’s out");
  });
});

describe("refused, with nothing stored", () => {
  it("past the most standing plans one may have", async () => {
    const ana = await person("Ana");
    await db().standingPlan.createMany({
      data: Array.from({ length: MAX_STANDING_PLANS }, () => ({
        userId: ana.id,
        activity: "yoga",
        days: [1],
        startMinute: 60,
        endMinute: 120,
        timeZone: "UTC",
        cell: carcavelos,
        travelKm: 10,
        nextOn: new Date(saturday),
      })),
    });
    const before = await stored();
    await expect(createStandingPlan(ana.id, SURF, wednesday)).rejects.toThrow(/20 standing plans/);
    expect(await stored()).toEqual(before);
  });

  it("when no day is left before its last day", async () => {
    const ana = await person("Ana");
    await expect(createStandingPlan(ana.id, { ...SURF, lastOn: sat("00:00", -1).toISOString().slice(0, 10) }, wednesday)).rejects.toThrow(ExpectedError);
    expect(await stored()).toEqual([0, 0]);
  });

  it("paused or removed by anyone but its owner — a friend, a stranger — answered 'not found', nothing changed", async () => {
    const { ana, ben, standing } = await twoSurfers();
    const stranger = await person("Mallory");
    for (const who of [ben, stranger]) {
      await expect(setStandingPaused(who.id, standing.ana, true, wednesday)).rejects.toThrow(NotFoundError);
      await expect(removeStandingPlan(who.id, standing.ana, wednesday)).rejects.toThrow(NotFoundError);
    }
    expect((await listStandingPlans(ana.id, wednesday))[0]).toMatchObject({ id: standing.ana, paused: false });
    // A friend's list shows only their own.
    expect((await listStandingPlans(ben.id, wednesday)).map((plan) => plan.id)).toEqual([standing.ben]);
  });
});

describe("a standing plan's area", () => {
  it("goes with 'Delete my location data', and is coarsened with the precision setting", async () => {
    const { ana, standing } = await twoSurfers();
    await updatePrivacySettings(ana.id, { locationResolution: 5 }, wednesday);
    expect((await db().standingPlan.findUniqueOrThrow({ where: { id: standing.ana }, select: { cell: true } })).cell).toBe(coarsenTo(carcavelos, 5));
    await spawnDueOccurrences(sat("08:00", -1));
    await deleteLocationData(ana.id, sat("09:00", -1));
    expect(await db().standingPlan.count({ where: { userId: ana.id } })).toBe(0);
    expect(await db().plan.count({ where: { userId: ana.id } })).toBe(0);
  });
});
