// The overlap rules of the matcher that depend on nothing but the two plans (pure, unit-tested).
// Who may see whom — friendship, close marks, blocks, pauses — is decided in the database query
// (lib/server/plans/matcher.ts).
import { areasWithin } from "@/lib/geo";

export type MatchablePlan = {
  activity: string;
  startsAt: Date;
  endsAt: Date;
  cell: string;
  travelKm: number;
};

export const MIN_OVERLAP_MS = 15 * 60 * 1000;

type Window = Pick<MatchablePlan, "startsAt" | "endsAt">;

/**
 * The windows share at least 15 minutes from `now` on (or all of the shorter window, were one shorter
 * than that): time already past is no time to meet, so a plan in its last minutes matches nobody.
 */
export function windowsOverlap(a: Window, b: Window, now: Date): boolean {
  const start = Math.max(a.startsAt.getTime(), b.startsAt.getTime(), now.getTime());
  const overlap = Math.min(a.endsAt.getTime(), b.endsAt.getTime()) - start;
  if (overlap <= 0) return false;
  const shorter = Math.min(a.endsAt.getTime() - a.startsAt.getTime(), b.endsAt.getTime() - b.startsAt.getTime());
  return overlap >= Math.min(MIN_OVERLAP_MS, shorter);
}

/** Each would travel as far as the other is: the areas are within *both* radii. */
export function withinBothRadii(a: MatchablePlan, b: MatchablePlan): boolean {
  return areasWithin(a.cell, b.cell, Math.min(a.travelKm, b.travelKm));
}

export function plansOverlap(a: MatchablePlan, b: MatchablePlan, now: Date): boolean {
  return a.activity === b.activity && windowsOverlap(a, b, now) && withinBothRadii(a, b);
}
