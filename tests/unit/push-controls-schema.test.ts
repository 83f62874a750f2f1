import { describe, expect, it } from "vitest";
import { pushControlsSchema, subscribeSchema } from "@/lib/validation/push";

const valid = {
  pushEnabled: "on",
  quiet: "on",
  quietHoursStart: "22",
  quietHoursEnd: "7",
  timeZone: "Europe/Lisbon",
  pushDailyCapPerFriend: "2",
  mutedActivities: "",
};

function fieldErrors(input: Record<string, unknown>) {
  const parsed = pushControlsSchema.safeParse(input);
  expect(parsed.success).toBe(false);
  return parsed.error!.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

describe("pushControlsSchema", () => {
  it("accepts the calm defaults and turns them into columns", () => {
    expect(pushControlsSchema.parse(valid)).toEqual({
      pushEnabled: true,
      quietHoursStart: 22,
      quietHoursEnd: 7,
      timeZone: "Europe/Lisbon",
      pushDailyCapPerFriend: 2,
      mutedActivities: [],
    });
  });

  it("quiet hours on without both hours is a field error on the start", () => {
    expect(fieldErrors({ ...valid, quietHoursEnd: undefined })).toEqual(["quietHoursStart: Choose when quiet hours start and end"]);
    expect(fieldErrors({ ...valid, quietHoursStart: undefined })).toEqual(["quietHoursStart: Choose when quiet hours start and end"]);
  });

  it("quiet hours that end when they start are refused", () => {
    expect(fieldErrors({ ...valid, quietHoursStart: "8", quietHoursEnd: "8" })).toEqual([
      "quietHoursEnd: Quiet hours must end at a different hour than they start",
    ]);
  });

  it("quiet hours off stores no hours, whatever the selects said", () => {
    expect(pushControlsSchema.parse({ ...valid, quiet: "off" })).toMatchObject({ quietHoursStart: null, quietHoursEnd: null });
    expect(pushControlsSchema.parse({ ...valid, quiet: "off", quietHoursStart: undefined, quietHoursEnd: undefined })).toMatchObject({
      quietHoursStart: null,
      quietHoursEnd: null,
    });
  });

  it("refuses hours and caps the page does not offer", () => {
    expect(fieldErrors({ ...valid, quietHoursStart: "24" })).toEqual(["quietHoursStart: Choose an hour"]);
    expect(fieldErrors({ ...valid, pushDailyCapPerFriend: "4" })).toEqual(["pushDailyCapPerFriend: Choose a daily limit"]);
    expect(fieldErrors({ ...valid, pushEnabled: "yes" })).toEqual(["pushEnabled: Choose on or off"]);
  });

  it("normalises and de-duplicates muted activities, by comma or line", () => {
    expect(pushControlsSchema.parse({ ...valid, mutedActivities: "Surfing, surfing ,  Board   Games\nyoga,,\n" }).mutedActivities).toEqual([
      "surfing",
      "board games",
      "yoga",
    ]);
  });

  it("refuses a muted entry that is not an activity, and more than 20", () => {
    // Each refusal names the entry and the reason.
    expect(fieldErrors({ ...valid, mutedActivities: "surfing, !!!" })).toEqual(["mutedActivities: “!!!” can’t be muted: use letters or numbers"]);
    expect(fieldErrors({ ...valid, mutedActivities: `surfing, ${"a".repeat(33)}` })).toEqual([
      `mutedActivities: “${"a".repeat(33)}” can’t be muted: keep it to 32 characters`,
    ]);
    expect(fieldErrors({ ...valid, mutedActivities: "b".repeat(200) })).toEqual([
      `mutedActivities: “${"b".repeat(39)}…” can’t be muted: keep it to 32 characters`,
    ]);
    const many = Array.from({ length: 21 }, (_, i) => `sport ${i}`).join(",");
    expect(fieldErrors({ ...valid, mutedActivities: many })).toEqual(["mutedActivities: Mute at most 20 activities"]);
    // Longer than 20 of the longest activities could be: refused as too many, not with zod's wording.
    expect(fieldErrors({ ...valid, mutedActivities: "c, ".repeat(300) })).toEqual(["mutedActivities: Mute at most 20 activities"]);
    expect(pushControlsSchema.safeParse({ ...valid, mutedActivities: Array.from({ length: 20 }, (_, i) => `${i}`.padEnd(32, "x")).join(", ") }).success).toBe(
      true,
    );
  });

  it("refuses an unknown time zone", () => {
    expect(fieldErrors({ ...valid, timeZone: "Mars/Olympus_Mons" })).toEqual(["timeZone: Unknown time zone"]);
  });

  it("refuses a field the form does not have", () => {
    expect(pushControlsSchema.safeParse({ ...valid, userId: "someone-else" }).success).toBe(false);
  });
});

describe("subscribeSchema", () => {
  const device = { endpoint: "https://fcm.googleapis.com/fcm/send/abc", p256dh: "BNc-_x", auth: "k9_-", label: "Chrome on Android", timeZone: "UTC" };
  it("takes what PushSubscription.toJSON() gives and refuses other schemes and extra fields", () => {
    expect(subscribeSchema.safeParse(device).success).toBe(true);
    expect(subscribeSchema.safeParse({ ...device, endpoint: "file:///etc/passwd" }).success).toBe(false);
    expect(subscribeSchema.safeParse({ ...device, p256dh: "not base64!" }).success).toBe(false);
    expect(subscribeSchema.safeParse({ ...device, userId: "x" }).success).toBe(false);
  });
});
