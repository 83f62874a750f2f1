import { describe, expect, it } from "vitest";
import {
  deleteAccountSchema,
  PAUSED_INDEFINITELY,
  pauseEnd,
  pauseSchema,
  planDefaultsSchema,
  precisionSchema,
  retentionSchema,
} from "@/lib/validation/settings";

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

describe("precision, plan defaults and retention", () => {
  it("accept exactly the choices the privacy page offers", () => {
    expect(precisionSchema.parse({ locationResolution: "6" })).toEqual({ locationResolution: 6 });
    expect(planDefaultsSchema.parse({ defaultTravelKm: "25", defaultAudience: "friends" })).toEqual({ defaultTravelKm: 25, defaultAudience: "friends" });
    expect(retentionSchema.parse({ planRetentionHours: "168", notificationRetentionDays: "30", ledgerRetentionDays: "90" })).toEqual({
      planRetentionHours: 168,
      notificationRetentionDays: 30,
      ledgerRetentionDays: 90,
    });
  });
  it("refuse anything else with a field error, including a precision finer than a neighbourhood", () => {
    const fine = precisionSchema.safeParse({ locationResolution: "8" });
    expect(fine.success).toBe(false);
    expect(fine.error?.issues[0]?.path).toEqual(["locationResolution"]);
    expect(planDefaultsSchema.safeParse({ defaultTravelKm: "1000", defaultAudience: "friends" }).success).toBe(false);
    expect(planDefaultsSchema.safeParse({ defaultTravelKm: "10", defaultAudience: "everyone" }).success).toBe(false);
    expect(retentionSchema.safeParse({ planRetentionHours: "999999", notificationRetentionDays: "7", ledgerRetentionDays: "30" }).success).toBe(false);
    expect(retentionSchema.safeParse({ planRetentionHours: "0", notificationRetentionDays: "7" }).success).toBe(false);
    expect(retentionSchema.safeParse({ planRetentionHours: "0", notificationRetentionDays: "7", ledgerRetentionDays: "30", userId: "x" }).success).toBe(false);
  });
  it("deleting the account needs a password", () => {
    expect(deleteAccountSchema.safeParse({ password: "" }).success).toBe(false);
    expect(deleteAccountSchema.safeParse({}).success).toBe(false);
    expect(deleteAccountSchema.safeParse({ password: "whatever it is" }).success).toBe(true);
  });
});
