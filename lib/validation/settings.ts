import { z } from "./zod";
import { PRECISIONS, type Resolution } from "@/lib/geo/precision";
import { choice, passwordField } from "./fields";
import { audienceField, travelKmField } from "./plans";
import { PAUSED_INDEFINITELY, PLAN_RETENTION_HOURS, NOTIFICATION_RETENTION_DAYS, LEDGER_RETENTION_DAYS } from "./setting-choices";

export * from "./setting-choices";

export const pauseSchema = z.strictObject({
  duration: z.enum(["1h", "8h", "off"], { error: () => "Choose how long to pause" }),
});
export const resumeSchema = z.strictObject({});

export function pauseEnd(duration: z.output<typeof pauseSchema>["duration"], now: Date): Date {
  if (duration === "off") return PAUSED_INDEFINITELY;
  return new Date(now.getTime() + (duration === "1h" ? 1 : 8) * 3_600_000);
}

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
