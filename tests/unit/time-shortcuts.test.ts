import { describe, expect, it } from "vitest";
import { timeShortcuts } from "@/lib/time-shortcuts";

const windows = (now: string, zone: string) =>
  Object.fromEntries(timeShortcuts(new Date(now), zone).map((s) => [s.id, [s.startsAt.toISOString(), s.endsAt.toISOString()]]));

describe("time shortcuts", () => {
  it("on a Wednesday morning in Tokyo: tonight 6–11 PM, tomorrow 8–12, Saturday 9–9, all in Tokyo time", () => {
    // 2026-12-02 is a Wednesday; 09:00 in Tokyo is 00:00 UTC.
    expect(windows("2026-12-02T00:00:00Z", "Asia/Tokyo")).toEqual({
      tonight: ["2026-12-02T09:00:00.000Z", "2026-12-02T14:00:00.000Z"],
      "tomorrow-morning": ["2026-12-02T23:00:00.000Z", "2026-12-03T03:00:00.000Z"],
      weekend: ["2026-12-05T00:00:00.000Z", "2026-12-05T12:00:00.000Z"],
    });
  });

  it("tonight starts now once the evening has begun, and is gone when under an hour is left", () => {
    // 20:30 in Los Angeles (UTC-8) on Wednesday 2 December.
    expect(windows("2026-12-03T04:30:00Z", "America/Los_Angeles").tonight).toEqual(["2026-12-03T04:30:00.000Z", "2026-12-03T07:00:00.000Z"]);
    // 22:15 there: 45 minutes left.
    expect(windows("2026-12-03T06:15:00Z", "America/Los_Angeles").tonight).toBeUndefined();
  });

  it("the day is the zone's, not UTC's: late Wednesday in UTC is already Thursday in Auckland", () => {
    // 2026-12-02 20:00 UTC = Thursday 3 December 09:00 in Auckland (UTC+13).
    const found = windows("2026-12-02T20:00:00Z", "Pacific/Auckland");
    expect(found["tomorrow-morning"]).toEqual(["2026-12-03T19:00:00.000Z", "2026-12-03T23:00:00.000Z"]);
  });

  it("on a Saturday the weekend is today, then Sunday once Saturday is nearly over; late on Sunday there is none", () => {
    // Saturday 5 December 2026, 11:00 in Lisbon (UTC+0 in winter).
    expect(windows("2026-12-05T11:00:00Z", "Europe/Lisbon").weekend).toEqual(["2026-12-05T11:00:00.000Z", "2026-12-05T21:00:00.000Z"]);
    expect(windows("2026-12-05T20:30:00Z", "Europe/Lisbon").weekend).toEqual(["2026-12-06T09:00:00.000Z", "2026-12-06T21:00:00.000Z"]);
    expect(windows("2026-12-06T20:30:00Z", "Europe/Lisbon").weekend).toBeUndefined();
  });

  it("keeps local hours across a clock change: tomorrow morning after the spring change in Berlin", () => {
    // Saturday 27 March 2027, noon in Berlin (UTC+1); on Sunday 28 March Berlin is UTC+2.
    expect(windows("2027-03-27T11:00:00Z", "Europe/Berlin")["tomorrow-morning"]).toEqual(["2027-03-28T06:00:00.000Z", "2027-03-28T10:00:00.000Z"]);
  });
});
