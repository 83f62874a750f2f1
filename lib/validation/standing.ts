import { z } from "./zod";
import { acceptedResolution } from "@/lib/geo";
import { canonicalZone, minuteOf } from "@/lib/standing-times";
import { idField } from "./fields";
import { activityField, audienceField, MAX_DURATION_HOURS, MIN_DURATION_MINUTES, travelKmField } from "./plans";

/** The most standing plans one person may have: each makes a plan every week on each of its days. */
export const MAX_STANDING_PLANS = 20;

/** "2027-02-28" yes; "2027-02-30", "0000-01-01" and "2027-2-3" no. */
function isRealDay(value: string): boolean {
  if (!/^2\d{3}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value);
}

const clock = (message: string) =>
  z
    .string({ error: () => message })
    .transform((value) => minuteOf(value))
    .refine((minute) => minute !== null, message)
    .transform((minute) => minute!);

/** Which days and hours (in the browser's time zone, sent with it), an optional last day, how far and for whom. */
const weeklyShape = {
  /** Days of the week, 0 = Sunday … 6 = Saturday, comma-separated (one form field). */
  days: z
    .string({ error: () => "Choose at least one day" })
    .transform((value) => value.split(",").filter(Boolean))
    .pipe(
      z
        .array(z.enum(["0", "1", "2", "3", "4", "5", "6"], { error: () => "Choose days of the week" }))
        .min(1, "Choose at least one day")
        .max(7, "Choose days of the week")
        .refine((days) => new Set(days).size === days.length, "Choose each day once"),
    )
    .transform((days) => days.map(Number).sort()),
  from: clock("Choose a start time"),
  to: clock("Choose an end time"),
  /** Stored by its canonical name (what calendars know it by). */
  timeZone: z
    .string({ error: () => "Your browser didn’t say its time zone. Reload the page and try again." })
    .transform((zone) => canonicalZone(zone) ?? "")
    .refine((zone) => zone !== "", "That time zone isn’t one we know"),
  /** Optional last day, "YYYY-MM-DD" ("" for none): a real day of this millennium. */
  lastOn: z
    .string()
    .refine((value) => value === "" || isRealDay(value), "Choose a date")
    .optional()
    .transform((value) => value || null),
  travelKm: travelKmField,
  audience: audienceField,
};

function windowFits(input: { from: number; to: number }, ctx: z.RefinementCtx) {
  const minutes = input.to - input.from;
  if (minutes <= 0) ctx.addIssue({ code: "custom", path: ["to"], message: "The end must be after the start (on the same day)" });
  else if (minutes < MIN_DURATION_MINUTES) ctx.addIssue({ code: "custom", path: ["to"], message: `Make it at least ${MIN_DURATION_MINUTES} minutes` });
  else if (minutes > MAX_DURATION_HOURS * 60) ctx.addIssue({ code: "custom", path: ["to"], message: `Make it at most ${MAX_DURATION_HOURS} hours` });
}

/**
 * A standing plan: what, which days and hours, where (a cell snapped in the browser, as for a plan)
 * and for whom. Strict: a request carrying coordinates is refused whole.
 */
export const standingFormSchema = z
  .strictObject({
    activity: activityField,
    cell: z
      .string({ error: () => "Share your area first" })
      .refine((value) => acceptedResolution(value) !== null, "That area is not one we accept. Share your area again."),
    ...weeklyShape,
  })
  .superRefine(windowFits);
export type StandingForm = z.output<typeof standingFormSchema>;

/** Editing keeps the activity and the area (for those, remove it and add another), as a plan's edit does. */
export const standingEditSchema = z.strictObject({ standingId: idField, ...weeklyShape }).superRefine(windowFits);
export type StandingEdit = z.output<typeof standingEditSchema>;

export const standingIdSchema = z.strictObject({ standingId: idField });
export const standingPauseSchema = z.strictObject({ standingId: idField, paused: z.enum(["true", "false"]).transform((value) => value === "true") });
