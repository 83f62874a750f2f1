import { z } from "./zod";
import { DAILY_CAP_CHOICES, isTimeZone } from "@/lib/push-rules";
import { choice } from "./fields";
import { ACTIVITY_MAX, activityField } from "./plans";

export const MUTED_MAX = 20;
const MUTED_TOO_MANY = `Mute at most ${MUTED_MAX} activities`;

const base64url = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9_-]+=*$/, "is not base64url");

/** What the browser's PushSubscription.toJSON() gives, plus a device name and the browser's time zone. */
export const subscribeSchema = z.strictObject({
  endpoint: z.url({ protocol: /^https?$/ }).max(2000),
  p256dh: base64url(200),
  auth: base64url(100),
  label: z.string().trim().min(1).max(60),
  timeZone: z.string().refine(isTimeZone, "Unknown time zone"),
});
export type SubscribeInput = z.output<typeof subscribeSchema>;

export const subscriptionIdSchema = z.strictObject({ subscriptionId: z.uuid() });

const hour = choice(
  Array.from({ length: 24 }, (_, h) => h),
  "Choose an hour",
).transform(Number);

export const pushControlsSchema = z
  .strictObject({
    pushEnabled: z.enum(["on", "off"], { error: () => "Choose on or off" }).transform((value) => value === "on"),
    quiet: z.enum(["on", "off"], { error: () => "Choose whether to have quiet hours" }),
    quietHoursStart: hour.optional(),
    quietHoursEnd: hour.optional(),
    timeZone: z.string().refine(isTimeZone, "Unknown time zone"),
    pushDailyCapPerFriend: choice(DAILY_CAP_CHOICES, "Choose a daily limit").transform(Number),
    // Room for MUTED_MAX activities of the longest kind, with their separators.
    mutedActivities: z
      .string()
      .max(MUTED_MAX * (ACTIVITY_MAX + 2), MUTED_TOO_MANY)
      .optional(),
  })
  .transform((input, ctx) => {
    const quiet = input.quiet === "on";
    if (quiet && (input.quietHoursStart === undefined || input.quietHoursEnd === undefined)) {
      ctx.addIssue({ code: "custom", path: ["quietHoursStart"], message: "Choose when quiet hours start and end" });
      return z.NEVER;
    }
    if (quiet && input.quietHoursStart === input.quietHoursEnd) {
      ctx.addIssue({ code: "custom", path: ["quietHoursEnd"], message: "Quiet hours must end at a different hour than they start" });
      return z.NEVER;
    }
    // One activity per line or comma, normalised as plans are, so "Surfing" mutes "surfing".
    const muted: string[] = [];
    for (const raw of (input.mutedActivities ?? "").split(/[,\n]/)) {
      if (!raw.trim()) continue;
      const parsed = activityField.safeParse(raw);
      if (!parsed.success) {
        // Which entry, and why: "“…” can’t be muted: keep it to 32 characters".
        const entry = raw.trim();
        const shown = entry.length > 40 ? `${entry.slice(0, 39)}…` : entry;
        const reason = parsed.error.issues[0]?.message ?? "use letters or numbers";
        ctx.addIssue({ code: "custom", path: ["mutedActivities"], message: `“${shown}” can’t be muted: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}` });
        return z.NEVER;
      }
      if (!muted.includes(parsed.data)) muted.push(parsed.data);
    }
    if (muted.length > MUTED_MAX) {
      ctx.addIssue({ code: "custom", path: ["mutedActivities"], message: MUTED_TOO_MANY });
      return z.NEVER;
    }
    return {
      pushEnabled: input.pushEnabled,
      quietHoursStart: quiet ? input.quietHoursStart! : null,
      quietHoursEnd: quiet ? input.quietHoursEnd! : null,
      timeZone: input.timeZone,
      pushDailyCapPerFriend: input.pushDailyCapPerFriend,
      mutedActivities: muted,
    };
  });

/** This browser's push endpoint, for turning push off here or asking whether it is on. */
export const endpointSchema = z.strictObject({ endpoint: subscribeSchema.shape.endpoint });
