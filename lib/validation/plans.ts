import { z } from "./zod";
import { acceptedResolution } from "@/lib/geo";
import { tidyActivity } from "@/lib/activities";
import { choice, withoutControlCharacters } from "./fields";

import {
  ACTIVITY_MAX,
  NOTE_MAX,
  TRAVEL_KM,
  NOW_DURATION_MINUTES,
  MAX_DURATION_HOURS,
  MIN_DURATION_MINUTES,
  MAX_DAYS_AHEAD,
  GROUP_MIN,
  GROUP_MAX,
  START_GRACE_MINUTES,
} from "./plan-limits";

export * from "./plan-limits";

/** Trimmed, inner spaces collapsed, case-folded: "  Board  Games " and "board games" are one activity. */
export const activityField = z
  .string({ error: () => "Choose an activity" })
  .transform(tidyActivity)
  .pipe(
    z
      .string()
      .min(1, "Choose an activity")
      .max(ACTIVITY_MAX, `Keep it to ${ACTIVITY_MAX} characters`)
      .refine(withoutControlCharacters, "That activity contains characters we can’t show")
      .refine((value) => /[\p{L}\p{N}]/u.test(value), "Use letters or numbers"),
  );

const isoDate = (message: string) =>
  z
    .string({ error: () => message })
    .refine((value) => !Number.isNaN(Date.parse(value)) && /^\d{4}-\d{2}-\d{2}T/.test(value), message)
    .transform((value) => new Date(value));

export const travelKmField = choice(TRAVEL_KM, "Choose how far you would travel").transform(Number);
export const audienceField = choice(["close", "friends"], "Choose who can match with you").transform((value) => value as "close" | "friends");

/** An optional group size from a select: "" (or nothing) for no limit. */
const groupSizeField = (values: readonly number[], message: string) =>
  z
    .string({ error: () => message })
    .refine((value) => value === "" || values.map(String).includes(value), message)
    .optional()
    .transform((value) => (value ? Number(value) : null));

const windowShape = {
  when: choice(["now", "later"], "Choose when"),
  startsAt: isoDate("Choose a start time").optional(),
  endsAt: isoDate("Choose an end time").optional(),
};

const optionsShape = {
  travelKm: travelKmField,
  audience: audienceField,
  note: z
    .string()
    .transform((value) => value.trim())
    .pipe(z.string().max(NOTE_MAX, `Keep the note to ${NOTE_MAX} characters`))
    .refine(withoutControlCharacters, "The note contains characters we can’t show")
    .optional(),
  /** A checkbox: present ("true") when friends the plan matches with may see its note. */
  shareNote: z
    .literal("true", { error: () => "This form was sent with a value it does not have. Reload the page and try again." })
    .optional()
    .transform((value) => value === "true"),
  groupMin: groupSizeField(GROUP_MIN, "Choose how many people at least"),
  groupMax: groupSizeField(GROUP_MAX, "Choose how many people at most"),
};

function groupSizeFits(input: { groupMin: number | null; groupMax: number | null }, ctx: z.RefinementCtx) {
  if (input.groupMin !== null && input.groupMax !== null && input.groupMin > input.groupMax) {
    ctx.addIssue({ code: "custom", path: ["groupMax"], message: "“At most” can’t be fewer than “at least”" });
  }
}

function planRules(input: { when: string; startsAt?: Date; endsAt?: Date; groupMin: number | null; groupMax: number | null }, ctx: z.RefinementCtx) {
  laterNeedsTimes(input, ctx);
  groupSizeFits(input, ctx);
}

function laterNeedsTimes(input: { when: string; startsAt?: Date; endsAt?: Date }, ctx: z.RefinementCtx) {
  if (input.when === "later" && !input.startsAt) ctx.addIssue({ code: "custom", path: ["startsAt"], message: "Choose a start time" });
  if (input.when === "later" && !input.endsAt) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "Choose an end time" });
}

/**
 * What the composer sends. There is no latitude or longitude field and the object is strict: a
 * request carrying coordinates is refused whole. `cell` must be a valid H3 cell of resolution 5–7.
 */
export const planFormSchema = z
  .strictObject({
    activity: activityField,
    cell: z
      .string({ error: () => "Share your area first" })
      .refine((value) => acceptedResolution(value) !== null, "That area is not one we accept. Share your area again."),
    ...windowShape,
    ...optionsShape,
    /** A random id per post attempt, the same when the browser retries it: one plan per key. */
    postKey: z.uuid("This form is out of date. Reload the page and post again.").optional(),
  })
  .superRefine(planRules);
export type PlanForm = z.output<typeof planFormSchema>;

/** Editing keeps the activity and the area (for those, cancel and post again). */
export const editPlanSchema = z.strictObject({ planId: z.uuid(), ...windowShape, ...optionsShape }).superRefine(planRules);
export type EditPlanForm = z.output<typeof editPlanSchema>;

export type Window = { startsAt: Date; endsAt: Date };

/** Whether a plan starting at `startsAt` has begun, as far as posting goes (a few minutes' grace). */
export function hasStarted(startsAt: Date, now: Date): boolean {
  return startsAt.getTime() < now.getTime() - START_GRACE_MINUTES * 60_000;
}

/**
 * The window a plan covers, checked against `now`; returns field errors instead when it is not
 * allowed. `started`: for an edit, where the plan may be under way — a start in the past then
 * stands, as long as the window has not ended.
 */
export function resolveWindow(
  input: Pick<PlanForm, "when" | "startsAt" | "endsAt">,
  now: Date,
  { started = false }: { started?: boolean } = {},
): { window: Window } | { errors: Record<string, string[]> } {
  if (input.when === "now") {
    return { window: { startsAt: now, endsAt: new Date(now.getTime() + NOW_DURATION_MINUTES * 60_000) } };
  }
  const startsAt = input.startsAt!;
  const endsAt = input.endsAt!;
  const minutes = (endsAt.getTime() - startsAt.getTime()) / 60_000;
  if (hasStarted(startsAt, now)) {
    if (!started) return { errors: { startsAt: ["That time has passed"] } };
    if (endsAt.getTime() <= now.getTime()) return { errors: { endsAt: ["That time has passed"] } };
  }
  if (startsAt.getTime() > now.getTime() + MAX_DAYS_AHEAD * 24 * 3_600_000) {
    return { errors: { startsAt: [`Plans can be at most ${MAX_DAYS_AHEAD} days ahead`] } };
  }
  if (minutes <= 0) return { errors: { endsAt: ["The end must be after the start"] } };
  if (minutes < MIN_DURATION_MINUTES) return { errors: { endsAt: [`Make it at least ${MIN_DURATION_MINUTES} minutes`] } };
  if (minutes > MAX_DURATION_HOURS * 60) return { errors: { endsAt: [`Make it at most ${MAX_DURATION_HOURS} hours`] } };
  // The matcher counts only time still ahead (windowsOverlap): a new plan with less left matches nobody.
  if (!started && endsAt.getTime() - Math.max(startsAt.getTime(), now.getTime()) < MIN_DURATION_MINUTES * 60_000) {
    return { errors: { endsAt: [`Make it end at least ${MIN_DURATION_MINUTES} minutes from now`] } };
  }
  return { window: { startsAt, endsAt } };
}

export const planIdSchema = z.strictObject({ planId: z.uuid() });
