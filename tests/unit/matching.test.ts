import { describe, expect, it } from "vitest";
import { snapToCell } from "@/lib/geo";
import { plansOverlap, windowsOverlap, withinBothRadii, type MatchablePlan } from "@/lib/matching";

const T = Date.parse("2026-11-26T10:00:00Z");
const at = (minutes: number) => new Date(T + minutes * 60_000);
const here = snapToCell(38.6786, -9.3357, 7);
const eightKmAway = snapToCell(38.6979, -9.4215, 7);

function plan(overrides: Partial<MatchablePlan> = {}): MatchablePlan {
  return { activity: "surfing", startsAt: at(0), endsAt: at(120), cell: here, travelKm: 10, ...overrides };
}

describe("windowsOverlap", () => {
  it("needs at least 15 minutes in common", () => {
    expect(windowsOverlap(plan(), plan({ startsAt: at(105), endsAt: at(200) }), at(0))).toBe(true); // exactly 15
    expect(windowsOverlap(plan(), plan({ startsAt: at(106), endsAt: at(200) }), at(0))).toBe(false); // 14
  });

  it("accepts a short window lying entirely inside the other", () => {
    expect(windowsOverlap(plan(), plan({ startsAt: at(30), endsAt: at(40) }), at(0))).toBe(true);
  });

  it("never matches windows that only touch or do not meet", () => {
    expect(windowsOverlap(plan(), plan({ startsAt: at(120), endsAt: at(240) }), at(0))).toBe(false);
    expect(windowsOverlap(plan(), plan({ startsAt: at(300), endsAt: at(400) }), at(0))).toBe(false);
  });

  it("counts only the time still ahead: a plan in its last minutes matches nobody", () => {
    const other = plan({ startsAt: at(-60), endsAt: at(240) });
    expect(windowsOverlap(plan(), other, at(105))).toBe(true); // 15 minutes left
    expect(windowsOverlap(plan(), other, at(106))).toBe(false); // 14 left
    // Nor does a short window with only part of it left.
    expect(windowsOverlap(plan({ startsAt: at(30), endsAt: at(40) }), other, at(35))).toBe(false);
  });

  it("is symmetric", () => {
    const a = plan();
    const b = plan({ startsAt: at(100), endsAt: at(130) });
    expect(windowsOverlap(a, b, at(0))).toBe(windowsOverlap(b, a, at(0)));
  });
});

describe("withinBothRadii", () => {
  it("uses the smaller of the two travel radii", () => {
    expect(withinBothRadii(plan({ travelKm: 10 }), plan({ cell: eightKmAway, travelKm: 10 }))).toBe(true);
    expect(withinBothRadii(plan({ travelKm: 25 }), plan({ cell: eightKmAway, travelKm: 2 }))).toBe(false);
    expect(withinBothRadii(plan({ travelKm: 2 }), plan({ cell: eightKmAway, travelKm: 25 }))).toBe(false);
  });
});

describe("plansOverlap", () => {
  it("needs the same activity, overlapping windows and reachable areas — all three", () => {
    expect(plansOverlap(plan(), plan({ cell: eightKmAway }), at(0))).toBe(true);
    expect(plansOverlap(plan(), plan({ activity: "tennis" }), at(0))).toBe(false);
    expect(plansOverlap(plan(), plan({ startsAt: at(200), endsAt: at(300) }), at(0))).toBe(false);
    expect(plansOverlap(plan({ travelKm: 2 }), plan({ cell: eightKmAway, travelKm: 2 }), at(0))).toBe(false);
  });
});
