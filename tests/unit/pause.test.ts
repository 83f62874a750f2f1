import { describe, expect, it } from "vitest";
import { PAUSED_INDEFINITELY, pauseEnd, pauseSchema } from "@/lib/validation/settings";

describe("pause durations", () => {
  const now = new Date("2026-11-26T10:00:00Z");
  it("1 hour, 8 hours, or until turned back on", () => {
    expect(pauseEnd("1h", now)).toEqual(new Date("2026-11-26T11:00:00Z"));
    expect(pauseEnd("8h", now)).toEqual(new Date("2026-11-26T18:00:00Z"));
    expect(pauseEnd("off", now)).toBe(PAUSED_INDEFINITELY);
  });
  it("refuses any other duration or extra field", () => {
    expect(pauseSchema.safeParse({ duration: "forever" }).success).toBe(false);
    expect(pauseSchema.safeParse({ duration: "1h", until: "2030-01-01" }).success).toBe(false);
  });
});
