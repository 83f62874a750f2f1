import { describe, expect, it } from "vitest";
import { relativeTime } from "@/lib/format";

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
