import { describe, expect, it } from "vitest";
import { inQuietHours, isTimeZone, localHour, pushVerdict, type PushControls } from "@/lib/push-rules";

const calm: PushControls = {
  pushEnabled: true,
  quietHoursStart: 22,
  quietHoursEnd: 7,
  timeZone: "Europe/Lisbon",
  mutedActivities: [],
  pushDailyCapPerFriend: 2,
};
// Lisbon is UTC+0 in winter, UTC+1 in summer.
const winter = (hourUtc: number) => new Date(Date.UTC(2026, 0, 15, hourUtc, 30));
const summer = (hourUtc: number) => new Date(Date.UTC(2026, 6, 15, hourUtc, 30));

describe("quiet hours", () => {
  it("run across midnight in the user's own zone, end hour excluded", () => {
    expect(inQuietHours(winter(21), calm)).toBe(false);
    expect(inQuietHours(winter(22), calm)).toBe(true);
    expect(inQuietHours(winter(3), calm)).toBe(true);
    expect(inQuietHours(winter(6), calm)).toBe(true);
    expect(inQuietHours(winter(7), calm)).toBe(false);
    // 21:30 UTC in July is 22:30 in Lisbon.
    expect(inQuietHours(summer(21), calm)).toBe(true);
    expect(inQuietHours(summer(6), calm)).toBe(false);
  });
  it("work within a day, and not at all when unset", () => {
    const afternoon = { ...calm, quietHoursStart: 13, quietHoursEnd: 15, timeZone: "Asia/Tokyo" };
    expect(localHour(winter(4), "Asia/Tokyo")).toBe(13);
    expect(inQuietHours(winter(4), afternoon)).toBe(true);
    expect(inQuietHours(winter(6), afternoon)).toBe(false);
    expect(inQuietHours(winter(23), { ...calm, quietHoursStart: null, quietHoursEnd: null })).toBe(false);
  });
  it("count an unknown zone as UTC", () => {
    expect(localHour(winter(23), "Mars/Olympus")).toBe(23);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("America/New_York")).toBe(true);
  });
});

describe("the push verdict", () => {
  const noon = winter(12);
  it("pushes by default outside quiet hours, under the cap", () => {
    expect(pushVerdict(calm, noon, "surfing", 0)).toBe("push");
    expect(pushVerdict(calm, noon, "surfing", 1)).toBe("push");
  });
  it("stays in the app when push is off, the activity muted, it is quiet, or the friend's cap is used up", () => {
    expect(pushVerdict({ ...calm, pushEnabled: false }, noon, "surfing", 0)).toBe("off");
    expect(pushVerdict({ ...calm, mutedActivities: ["surfing"] }, noon, "surfing", 0)).toBe("muted");
    expect(pushVerdict({ ...calm, mutedActivities: ["surfing"] }, noon, "tennis", 0)).toBe("push");
    expect(pushVerdict(calm, winter(23), "surfing", 0)).toBe("quiet");
    expect(pushVerdict(calm, noon, "surfing", 2)).toBe("capped");
    expect(pushVerdict({ ...calm, pushDailyCapPerFriend: 5 }, noon, "surfing", 4)).toBe("push");
  });
});
