import { z } from "./zod";
import { PRECISIONS, type Resolution } from "@/lib/geo/precision";
import { choice, passwordField } from "./fields";
import { audienceField, travelKmField } from "./plans";

export const PAUSE_CHOICES = { "1h": "for 1 hour", "8h": "for 8 hours", off: "until I turn it back on" } as const;

export const pauseSchema = z.strictObject({
  duration: z.enum(["1h", "8h", "off"], { error: () => "Choose how long to pause" }),
});
export const resumeSchema = z.strictObject({});

/** "Until I turn it back on" is stored as a date far beyond any plan. */
export const PAUSED_INDEFINITELY = new Date("9999-12-31T00:00:00Z");

export function pauseEnd(duration: z.output<typeof pauseSchema>["duration"], now: Date): Date {
  if (duration === "off") return PAUSED_INDEFINITELY;
  return new Date(now.getTime() + (duration === "1h" ? 1 : 8) * 3_600_000);
}

/** How long an ended plan, with its area, is kept (hours; 0 = deleted at the first sweep after it ends). */
export const PLAN_RETENTION_HOURS = [
  { value: 0, label: "Delete as soon as it ends" },
  { value: 24, label: "Keep for 24 hours" },
  { value: 168, label: "Keep for 7 days" },
] as const;
/** How long notifications stay in my inbox (days). */
export const NOTIFICATION_RETENTION_DAYS = [
  { value: 7, label: "7 days" },
  { value: 30, label: "30 days" },
] as const;
/** How long the ledger of what friends were told about me is kept (days). */
export const LEDGER_RETENTION_DAYS = [
  { value: 30, label: "30 days" },
  { value: 90, label: "90 days" },
] as const;

const values = (options: readonly { value: number }[]) => options.map((option) => option.value);

export const precisionSchema = z.strictObject({
  locationResolution: choice(
    PRECISIONS.map((p) => p.resolution),
    "Choose how precise your area is",
  ).transform((value) => Number(value) as Resolution),
});

export const planDefaultsSchema = z.strictObject({ defaultTravelKm: travelKmField, defaultAudience: audienceField });

export const retentionSchema = z.strictObject({
  planRetentionHours: choice(values(PLAN_RETENTION_HOURS), "Choose how long to keep ended plans").transform(Number),
  notificationRetentionDays: choice(values(NOTIFICATION_RETENTION_DAYS), "Choose how long to keep notifications").transform(Number),
  ledgerRetentionDays: choice(values(LEDGER_RETENTION_DAYS), "Choose how long to keep the ledger").transform(Number),
});

export const deleteLocationDataSchema = z.strictObject({});
/** Deleting the account asks for the password again, whatever the session says. */
export const deleteAccountSchema = z.strictObject({ password: passwordField });
