import { describe, expect, it } from "vitest";
import { relativeTime, zoneFormat } from "@/lib/format";

const now = new Date("2026-11-26T12:00:00Z");
const at = (ms: number) => new Date(now.getTime() + ms);
const MIN = 60_000;

describe("relativeTime", () => {
  it.each([
    [0, "just now"],
    [-5 * MIN, "5 minutes ago"],
    [-3 * 60 * MIN, "3 hours ago"],
    [-24 * 60 * MIN, "yesterday"],
    [7 * 24 * 60 * MIN, "in 7 days"],
    [90 * MIN, "in 2 hours"],
  ])("%i ms → %s", (offset, words) => {
    expect(relativeTime(at(offset), now)).toBe(words);
  });
});

describe("zoneFormat", () => {
  it("formats in the zone, makes each formatter once, and refuses an unknown zone", () => {
    const july = new Date("2026-07-01T21:30:00Z");
    expect(zoneFormat("Europe/Lisbon", "clock").format(july)).toBe("22:30");
    expect(zoneFormat("Asia/Tokyo", "hour").format(july)).toBe("06");
    expect(zoneFormat("Europe/Lisbon", "clock")).toBe(zoneFormat("Europe/Lisbon", "clock"));
    expect(() => zoneFormat("Mars/Olympus", "clock")).toThrow(RangeError);
  });

  it("stays bounded however many spellings of a zone it is asked for", () => {
    const first = zoneFormat("Europe/Lisbon", "hour");
    // 1,100 spellings of one zone, each letter's case one bit of the count.
    const spelling = (n: number) =>
      [..."europelisbon"]
        .map((c, at) => ((n >> at) & 1 ? c.toUpperCase() : c))
        .join("")
        .replace(/^(.{6})/, "$1/");
    for (let n = 1; n <= 1_100; n++) zoneFormat(spelling(n), "hour");
    // Cleared on the way: the first one was made again.
    expect(zoneFormat("Europe/Lisbon", "hour")).not.toBe(first);
  });
});
