import { describe, expect, it } from "vitest";
import { clockRangeText, rangeText, requestClock, timeText, toldZone } from "@/lib/clock";
import { skeletonFor } from "@/components/ui/page-skeleton";

// Times as the server writes them into a page, before (or without) the browser's own formatting.
const now = new Date("2026-12-04T12:00:00Z");
// ICU versions differ in the space before AM/PM (U+202F or a plain one).
const plain = (text: string) => text.replace(/\u202f/g, " ");
const start = new Date("2026-12-04T14:00:00Z");
const stop = new Date("2026-12-04T16:30:00Z");

describe("requestClock", () => {
  it("uses the zone the browser put in the cookie, in its canonical spelling, and the first language's clock", () => {
    expect(requestClock("europe/lisbon", "en-GB,en;q=0.8")).toEqual({ timeZone: "Europe/Lisbon", locale: "en-GB", suffix: "" });
  });

  it("falls back to UTC, said after each time, when the cookie is missing or not a zone", () => {
    for (const cookie of [undefined, "", "Mars/Olympus", "x".repeat(100)]) {
      expect(requestClock(cookie, null)).toEqual({ timeZone: "UTC", locale: "en-US", suffix: " UTC" });
    }
  });

  it("ignores a language it cannot use", () => {
    expect(requestClock("UTC", "*").locale).toBe("en-US");
    expect(requestClock("UTC", "not a tag!!").locale).toBe("en-US");
  });
});

describe("rangeText and timeText", () => {
  it("say a plan's window in the reader's zone and clock", () => {
    expect(rangeText(start, stop, requestClock("Europe/Lisbon", "en-GB"), { now })).toBe("Today 14:00–16:30");
    expect(plain(rangeText(start, stop, requestClock("America/New_York", "en-US"), { now }))).toBe("Today 9:00 AM–11:30 AM");
  });

  it("name the day in the reader's zone, and both days when the window crosses midnight there", () => {
    expect(rangeText(start, stop, requestClock("Asia/Tokyo", "en-GB"), { now })).toBe("Today 23:00–Tomorrow 01:30");
    expect(rangeText(start, stop, requestClock("Asia/Tokyo", "en-GB"), { now, dated: true })).toBe("Fri 4 Dec 23:00–Sat 5 Dec 01:30");
  });

  it("say UTC when the zone is not known, so a time is never misread as local", () => {
    expect(rangeText(start, stop, requestClock(undefined, "en-GB"), { now })).toBe("Today 14:00–16:30 UTC");
    expect(timeText(start, requestClock(undefined, "en-GB"), { now, inSentence: true })).toBe("today 14:00 UTC");
  });

  it("weekly hours stand for themselves, in the reader's clock style", () => {
    expect(clockRangeText(7 * 60, 10 * 60, requestClock(undefined, "en-GB"))).toBe("07:00–10:00");
    expect(plain(clockRangeText(7 * 60, 10 * 60, requestClock(undefined, "en-US")))).toBe("7:00 AM–10:00 AM");
  });
});

describe("skeletonFor", () => {
  it("gives each signed-in tab's page its skeleton, and none elsewhere", () => {
    expect(skeletonFor("/friends")).toBe("friends");
    expect(skeletonFor("/settings/ledger?x=1")).toBe("settings");
    expect(skeletonFor("/matches/123")).toBeNull();
    expect(skeletonFor("/sign-in")).toBeNull();
  });
});

describe("the zone the browser tells", () => {
  it("tells a place smaller than an area as its larger neighbour with the same clock", () => {
    expect(toldZone("Europe/Monaco")).toBe("Europe/Paris");
    expect(toldZone("Asia/Macau")).toBe("Asia/Hong_Kong");
    expect(toldZone("Europe/Lisbon")).toBe("Europe/Lisbon");
  });

  it("keeps the same clock: the neighbour's offsets match through a year", () => {
    for (const [small, large] of [
      ["Europe/Monaco", "Europe/Paris"],
      ["Europe/Gibraltar", "Europe/Madrid"],
      ["Europe/Busingen", "Europe/Zurich"],
      ["Asia/Macau", "Asia/Hong_Kong"],
    ] as const) {
      for (let month = 0; month < 12; month++) {
        const at = new Date(Date.UTC(2026, month, 15, 12));
        const offset = (zone: string) => new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" }).format(at).split(" ").pop();
        expect(offset(small)).toBe(offset(toldZone(small)));
        expect(toldZone(small)).toBe(large);
      }
    }
  });
});
