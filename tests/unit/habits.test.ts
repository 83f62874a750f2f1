import { describe, expect, it } from "vitest";
import { HISTORY_MAX, keptHistory, suggestNow, suggestStanding, type PastPlan } from "@/lib/habits";

// Local times (the browser's zone): the dates are built in the zone the tests run in.
const at = (day: number, hour: number, minute = 0) => new Date(2026, 10, day, hour, minute);
const plan = (activity: string, start: Date, hours = 2): PastPlan => ({
  activity,
  startsAt: start.toISOString(),
  endsAt: new Date(start.getTime() + hours * 3_600_000).toISOString(),
});
// Saturdays in November 2026: 7, 14, 21, 28.
const saturdaySurfs = [plan("surfing", at(7, 7)), plan("surfing", at(14, 7, 30)), plan("surfing", at(21, 6, 45), 3)];

describe("suggestions from one's own past plans", () => {
  it("suggests the activity started around this time of day at least three times", () => {
    expect(suggestNow(saturdaySurfs, at(28, 7, 10))).toEqual({ activity: "surfing", times: 3 });
    // Two is not a habit; another time of day is not "around now".
    expect(suggestNow(saturdaySurfs.slice(0, 2), at(28, 7, 10))).toBeNull();
    expect(suggestNow(saturdaySurfs, at(28, 12))).toBeNull();
    // Not when a plan for it is already up.
    expect(suggestNow(saturdaySurfs, at(28, 7), { posted: ["surfing"] })).toBeNull();
  });

  it("turns a weekly habit into a standing plan: its day and its usual window", () => {
    expect(suggestStanding(saturdaySurfs, at(28, 12))).toEqual({ activity: "surfing", day: 6, from: 6 * 60 + 45, to: 9 * 60 + 45, times: 3 });
    expect(suggestStanding(saturdaySurfs, at(28, 12), { standing: ["surfing"] })).toBeNull();
    // Three times, but on different weekdays: no weekly habit.
    const scattered = [plan("tennis", at(2, 18)), plan("tennis", at(10, 18)), plan("tennis", at(18, 18))];
    expect(suggestStanding(scattered, at(28, 12))).toBeNull();
    expect(suggestNow(scattered, at(28, 18))).toEqual({ activity: "tennis", times: 3 });
  });

  it("keeps the newest plans of the last 90 days only", () => {
    const old = plan("yoga", new Date(at(28, 7).getTime() - 91 * 24 * 3_600_000));
    expect(keptHistory([old, ...saturdaySurfs], at(28, 7)).map((p) => p.activity)).toEqual(["surfing", "surfing", "surfing"]);
    const many = Array.from({ length: HISTORY_MAX + 5 }, (_, i) => plan("running", new Date(at(28, 7).getTime() - i * 3_600_000)));
    expect(keptHistory(many, at(28, 8))).toHaveLength(HISTORY_MAX);
  });
});
