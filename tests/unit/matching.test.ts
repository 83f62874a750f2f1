import { describe, expect, it } from "vitest";
import { snapToCell } from "@/lib/geo";
import { intentsOverlap, windowsOverlap, withinBothRadii, type MatchableIntent } from "@/lib/matching";

const T = Date.parse("2026-11-26T10:00:00Z");
const at = (minutes: number) => new Date(T + minutes * 60_000);
const here = snapToCell(38.6786, -9.3357, 7);
const eightKmAway = snapToCell(38.6979, -9.4215, 7);

function intent(overrides: Partial<MatchableIntent> = {}): MatchableIntent {
  return { activity: "surfing", startsAt: at(0), endsAt: at(120), cell: here, travelKm: 10, ...overrides };
}

describe("windowsOverlap", () => {
  it("needs at least 15 minutes in common", () => {
    expect(windowsOverlap(intent(), intent({ startsAt: at(105), endsAt: at(200) }), at(0))).toBe(true); // exactly 15
    expect(windowsOverlap(intent(), intent({ startsAt: at(106), endsAt: at(200) }), at(0))).toBe(false); // 14
  });

  it("accepts a short window lying entirely inside the other", () => {
    expect(windowsOverlap(intent(), intent({ startsAt: at(30), endsAt: at(40) }), at(0))).toBe(true);
  });

  it("never matches windows that only touch or do not meet", () => {
    expect(windowsOverlap(intent(), intent({ startsAt: at(120), endsAt: at(240) }), at(0))).toBe(false);
    expect(windowsOverlap(intent(), intent({ startsAt: at(300), endsAt: at(400) }), at(0))).toBe(false);
  });

  it("counts only the time still ahead: a plan in its last minutes matches nobody", () => {
    const other = intent({ startsAt: at(-60), endsAt: at(240) });
    expect(windowsOverlap(intent(), other, at(105))).toBe(true); // 15 minutes left
    expect(windowsOverlap(intent(), other, at(106))).toBe(false); // 14 left
    // Nor does a short window with only part of it left.
    expect(windowsOverlap(intent({ startsAt: at(30), endsAt: at(40) }), other, at(35))).toBe(false);
  });

  it("is symmetric", () => {
    const a = intent();
    const b = intent({ startsAt: at(100), endsAt: at(130) });
    expect(windowsOverlap(a, b, at(0))).toBe(windowsOverlap(b, a, at(0)));
  });
});

describe("withinBothRadii", () => {
  it("uses the smaller of the two travel radii", () => {
    expect(withinBothRadii(intent({ travelKm: 10 }), intent({ cell: eightKmAway, travelKm: 10 }))).toBe(true);
    expect(withinBothRadii(intent({ travelKm: 25 }), intent({ cell: eightKmAway, travelKm: 2 }))).toBe(false);
    expect(withinBothRadii(intent({ travelKm: 2 }), intent({ cell: eightKmAway, travelKm: 25 }))).toBe(false);
  });
});

describe("intentsOverlap", () => {
  it("needs the same activity, overlapping windows and reachable areas — all three", () => {
    expect(intentsOverlap(intent(), intent({ cell: eightKmAway }), at(0))).toBe(true);
    expect(intentsOverlap(intent(), intent({ activity: "tennis" }), at(0))).toBe(false);
    expect(intentsOverlap(intent(), intent({ startsAt: at(200), endsAt: at(300) }), at(0))).toBe(false);
    expect(intentsOverlap(intent({ travelKm: 2 }), intent({ cell: eightKmAway, travelKm: 2 }), at(0))).toBe(false);
  });
});
