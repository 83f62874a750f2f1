import { describe, expect, it } from "vitest";
import { z } from "zod";
import { snapToCell } from "@/lib/geo";
import { usuallyLine } from "@/lib/meetup-words";
import { canonicalZone, dayIn, daysWords, minuteOf, nextOccurrence, occurrenceOn, usuallyWords, type Weekly } from "@/lib/standing-times";
import { standingFormSchema } from "@/lib/validation/standing";

const cell = snapToCell(38.6786, -9.3357, 7);
const good = { activity: "Surfing", cell, days: "6,0", from: "07:00", to: "10:00", timeZone: "Europe/Lisbon", travelKm: "10", audience: "close" };

function errors(input: unknown) {
  const result = standingFormSchema.safeParse(input);
  if (result.success) throw new Error("expected a refusal");
  return z.flattenError(result.error);
}

describe("standing plan form", () => {
  it("reads days, hours, zone and an optional last day", () => {
    expect(standingFormSchema.parse({ ...good, lastOn: "2027-01-31" })).toMatchObject({
      activity: "surfing",
      days: [0, 6],
      from: 420,
      to: 600,
      timeZone: "Europe/Lisbon",
      lastOn: "2027-01-31",
      travelKm: 10,
    });
    expect(standingFormSchema.parse({ ...good, lastOn: "" }).lastOn).toBeNull();
  });

  it.each([
    ["no days", { days: "" }, "days", /at least one day/],
    ["a day that is not one", { days: "7" }, "days", /days of the week/],
    ["a day twice", { days: "6,6" }, "days", /each day once/],
    ["an end before the start", { from: "10:00", to: "07:00" }, "to", /after the start/],
    ["a window over 12 hours", { from: "06:00", to: "18:30" }, "to", /at most 12 hours/],
    ["a window under 15 minutes", { from: "07:00", to: "07:10" }, "to", /at least 15 minutes/],
    ["a time that is not one", { from: "25:00" }, "from", /start time/],
    ["an unknown time zone", { timeZone: "Mars/Olympus_Mons" }, "timeZone", /time zone/],
    ["a last day that is not a date", { lastOn: "next week" }, "lastOn", /Choose a date/],
    ["a finer area than a neighbourhood", { cell: snapToCell(38.6786, -9.3357, 8 as 7) }, "cell", /not one we accept/],
  ])("refuses %s", (_label, change, field, message) => {
    expect(errors({ ...good, ...change }).fieldErrors[field as keyof typeof good]?.[0]).toMatch(message);
  });

  it("refuses a request that carries coordinates", () => {
    expect(errors({ ...good, lat: "38.7", lng: "-9.1" }).formErrors[0]).toMatch(/Unrecognized key/);
  });
});

const saturdays: Weekly = { days: [6], startMinute: 7 * 60, endMinute: 10 * 60, timeZone: "Europe/Lisbon", lastOn: null };

describe("the weeks of a standing plan", () => {
  it("is today's window while it has not ended, else the same weekday next week", () => {
    // Saturday 5 Dec 2026, 6:30 in Lisbon (UTC+0 in winter).
    const early = new Date("2026-12-05T06:30:00Z");
    expect(nextOccurrence(saturdays, dayIn(early, "Europe/Lisbon"), early)).toEqual({
      on: "2026-12-05",
      startsAt: new Date("2026-12-05T07:00:00Z"),
      endsAt: new Date("2026-12-05T10:00:00Z"),
    });
    const late = new Date("2026-12-05T10:00:00Z");
    expect(nextOccurrence(saturdays, "2026-12-05", late)?.on).toBe("2026-12-12");
    // Under way: still this week's.
    expect(nextOccurrence(saturdays, "2026-12-05", new Date("2026-12-05T09:00:00Z"))?.on).toBe("2026-12-05");
  });

  it("keeps its hours in its own zone across daylight saving time", () => {
    const summer = nextOccurrence(saturdays, "2027-04-01", new Date("2027-04-01T00:00:00Z"))!;
    expect(summer.on).toBe("2027-04-03");
    expect(summer.startsAt.toISOString()).toBe("2027-04-03T06:00:00.000Z"); // 7:00 WEST = 6:00 UTC
    const auckland = nextOccurrence({ ...saturdays, timeZone: "Pacific/Auckland" }, "2026-12-01", new Date("2026-12-01T00:00:00Z"))!;
    expect(auckland.on).toBe("2026-12-05");
    expect(auckland.startsAt.toISOString()).toBe("2026-12-04T18:00:00.000Z"); // 7:00 NZDT = 18:00 UTC the day before
  });

  it("keeps its length on the day a clock change skips its start", () => {
    const night = { days: [0], startMinute: 120, endMinute: 180, timeZone: "America/New_York", lastOn: null };
    // 2027-03-14: 2:00 EST jumps to 3:00 EDT (07:00 UTC); "2–3 AM" is 3–4 AM that night.
    expect(occurrenceOn(night, "2027-03-14")).toMatchObject({ startsAt: new Date("2027-03-14T07:00:00Z"), endsAt: new Date("2027-03-14T08:00:00Z") });
    expect(occurrenceOn(night, "2027-03-21")).toMatchObject({ startsAt: new Date("2027-03-21T06:00:00Z"), endsAt: new Date("2027-03-21T07:00:00Z") });
    expect(canonicalZone("europe/lisbon")).toBe("Europe/Lisbon");
    expect(canonicalZone("Mars/Olympus_Mons")).toBeNull();
  });

  it("starts from the given day, and stops after its last day", () => {
    const now = new Date("2026-12-01T12:00:00Z");
    expect(nextOccurrence(saturdays, "2026-12-06", now)?.on).toBe("2026-12-12");
    expect(nextOccurrence({ ...saturdays, lastOn: "2026-12-05" }, "2026-12-06", now)).toBeNull();
    expect(nextOccurrence({ ...saturdays, lastOn: "2026-12-04" }, "2026-12-01", now)).toBeNull();
    expect(nextOccurrence({ ...saturdays, days: [1, 3] }, "2026-12-01", now)?.on).toBe("2026-12-02");
  });

  it("words the habit and the days", () => {
    expect(usuallyWords("2026-12-05", 7 * 60)).toBe("on Saturday mornings");
    expect(usuallyWords("2026-12-02", 19 * 60)).toBe("on Wednesday evenings");
    expect(usuallyLine("Ben", "surfing", "on Saturday mornings")).toBe("Ben is usually up for surfing on Saturday mornings too — up for it this week?");
    expect(daysWords([6, 0])).toBe("Sat and Sun");
    expect(daysWords([1, 2, 3, 4, 5])).toBe("Weekdays");
    expect(daysWords([5, 1, 3])).toBe("Mon, Wed and Fri");
    expect(daysWords([2])).toBe("Tuesdays");
    expect(daysWords([0, 1, 2, 3, 4, 5, 6])).toBe("Every day");
    expect(minuteOf("24:00")).toBe(1440);
    expect(minuteOf("7:00")).toBeNull();
  });
});
