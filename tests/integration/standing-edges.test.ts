import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as standingFile } from "@/app/api/calendar/standing/[id]/route";
import { currentUser } from "@/lib/server/auth/auth";
import { db } from "@/lib/server/db";
import { MAX_ACTIVE_PLANS } from "@/lib/server/plans/plans";
import { createStandingPlan, spawnDueOccurrences } from "@/lib/server/plans/standing";
import { occurrenceOn } from "@/lib/standing-times";
import { standingFormSchema } from "@/lib/validation/standing";
import { closeDatabase, resetDatabase } from "../support/db";
import { carcavelos, friends } from "../support/matching";
import { person, type Person } from "../support/people";

// Standing plans at the edges: a window in the hour a clock change skips, a hundred of them at once,
// impossible days, time-zone aliases, and more weeks than one may have plans.

vi.mock("@/lib/server/auth/auth", () => ({ currentUser: vi.fn() }));

beforeEach(resetDatabase);
afterAll(closeDatabase);

// Sunday 2027-03-14: US clocks go 02:00 EST -> 03:00 EDT.
const ZONE = "America/New_York";
const DST_SUNDAY = "2027-03-14";
const wednesdayBefore = new Date("2027-03-10T12:00:00Z");

/** What the browser's form sends: "Sundays 2–3 AM" in New York. */
const nightForm = standingFormSchema.parse({
  activity: "stargazing",
  cell: carcavelos,
  days: "0",
  from: "02:00",
  to: "03:00",
  timeZone: ZONE,
  lastOn: "",
  travelKm: "10",
  audience: "friends",
});

describe("a standing plan across a spring-forward clock change", () => {
  it("the occurrence on the DST day has a positive window (the form accepted it)", () => {
    const week = occurrenceOn({ days: [0], startMinute: 120, endMinute: 180, timeZone: ZONE, lastOn: null }, DST_SUNDAY);
    expect(week.endsAt.getTime()).toBeGreaterThan(week.startsAt.getTime());
  });

  it("the spawner makes that week's plan (instead of failing at every run until the day is over)", async () => {
    const ana = await person("Ana");
    await createStandingPlan(ana.id, nightForm, wednesdayBefore);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const first = await spawnDueOccurrences(new Date("2027-03-13T08:00:00Z"));
    const later = await spawnDueOccurrences(new Date("2027-03-13T20:00:00Z"));
    errors.mockRestore();
    expect({ first, later }).toEqual({ first: { made: 1, matched: 0, failed: 0 }, later: { made: 0, matched: 0, failed: 0 } });
  });

  it("a hundred such standing plans do not stop everyone else's weeks from being made", async () => {
    // Five accounts, twenty standing plans each (the most allowed), all through the real create path.
    for (let a = 0; a < 5; a++) {
      const mallory = await person(`Mallory ${a}`);
      for (let i = 0; i < 20; i++) await createStandingPlan(mallory.id, { ...nightForm, activity: `stargazing ${i}` }, wednesdayBefore);
    }
    // Two friends who surf Sunday mornings, every week.
    const [ben, cy] = [await person("Ben"), await person("Cy")];
    await friends(ben, cy);
    const surf = { ...nightForm, activity: "surfing", from: 9 * 60, to: 11 * 60, audience: "close" as const };
    await createStandingPlan(ben.id, surf, wednesdayBefore);
    await createStandingPlan(cy.id, surf, wednesdayBefore);

    // Saturday 10:00 EST: Ben's and Cy's Sunday week has been due for an hour.
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const run = await spawnDueOccurrences(new Date("2027-03-13T15:00:00Z"));
    errors.mockRestore();
    const made = await db().plan.count({ where: { userId: { in: [ben.id, cy.id] } } });
    expect({ made, matches: await db().match.count(), failedInRun: run.failed }).toEqual({ made: 2, matches: 1, failedInRun: 0 });
  });
});

const as = (who: Person) => vi.mocked(currentUser).mockResolvedValueOnce({ id: who.id, displayName: who.displayName, handle: who.handle });
const get = (id: string) => standingFile(new Request(`http://localhost/api/calendar/standing/${id}`), { params: Promise.resolve({ id }) });

/** What the form sends for "surfing, Saturdays 7–10 AM, Lisbon". */
const raw = {
  activity: "surfing",
  cell: carcavelos,
  days: "6",
  from: "07:00",
  to: "10:00",
  timeZone: "Europe/Lisbon",
  lastOn: "",
  travelKm: "10",
  audience: "close",
};
const lisbon = (overrides: Record<string, string> = {}) => standingFormSchema.parse({ ...raw, ...overrides });

describe("standing-plan input", () => {
  it("an impossible last day (Feb 30) is a field error, not a database error", () => {
    for (const lastOn of ["2027-02-30", "2027-13-01", "0000-01-01", "2027-2-3"]) {
      const parsed = standingFormSchema.safeParse({ ...raw, lastOn });
      expect(parsed.success, lastOn).toBe(false);
      expect(parsed.error?.issues[0]?.path, lastOn).toEqual(["lastOn"]);
    }
    expect(standingFormSchema.parse({ ...raw, lastOn: "2028-02-29" }).lastOn).toBe("2028-02-29");
  });

  it("time zones are stored as canonical names, so the .ics defines the zone its events use", async () => {
    const ana = await person("Ana");
    const broken: string[] = [];
    for (const timeZone of ["Asia/Calcutta", "europe/lisbon", "US/Pacific-New"]) {
      const { id } = await createStandingPlan(ana.id, lisbon({ timeZone }));
      const stored = (await db().standingPlan.findUniqueOrThrow({ where: { id }, select: { timeZone: true } })).timeZone;
      as(ana);
      const body = await (await get(id)).text();
      const used = /DTSTART;TZID=([^:]+):/.exec(body)?.[1];
      const defined = /BEGIN:VTIMEZONE\r\nTZID:([^\r]+)/.exec(body)?.[1];
      if (used !== defined) broken.push(`${stored}: DTSTART uses ${used}, VTIMEZONE defines ${defined ?? "nothing"}`);
    }
    expect(broken).toEqual([]);
  });

  it("standing plans' weeks count toward the most plans one may have coming up at once", async () => {
    const ana = await person("Ana");
    const now = new Date("2027-01-04T00:00:00Z"); // a Monday
    for (let i = 0; i < 20; i++) {
      await createStandingPlan(ana.id, lisbon({ activity: `activity ${i}`, days: "0,1,2,3,4,5,6", from: "00:00", to: "12:00", timeZone: "UTC" }), now);
    }
    await spawnDueOccurrences(now);
    const active = await db().plan.count({ where: { userId: ana.id, endsAt: { gt: now } } });
    expect(active).toBeLessThanOrEqual(MAX_ACTIVE_PLANS);
  });
});
