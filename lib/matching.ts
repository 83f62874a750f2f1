// The overlap rules of the matcher that depend on nothing but the two intents (pure, unit-tested).
// Who may see whom — friendship, close marks, blocks, pauses — is decided in the database query
// (lib/server/matcher.ts).
import { areasWithin } from "@/lib/geo";

export type MatchableIntent = {
  activity: string;
  startsAt: Date;
  endsAt: Date;
  cell: string;
  travelKm: number;
};

export const MIN_OVERLAP_MS = 15 * 60 * 1000;

/** Windows overlap by at least 15 minutes, or the shorter window lies entirely inside the longer. */
export function windowsOverlap(a: MatchableIntent, b: MatchableIntent): boolean {
  const overlap = Math.min(a.endsAt.getTime(), b.endsAt.getTime()) - Math.max(a.startsAt.getTime(), b.startsAt.getTime());
  if (overlap <= 0) return false;
  const shorter = Math.min(a.endsAt.getTime() - a.startsAt.getTime(), b.endsAt.getTime() - b.startsAt.getTime());
  return overlap >= MIN_OVERLAP_MS || overlap >= shorter;
}

/** Each would travel as far as the other is: the areas are within *both* radii. */
export function withinBothRadii(a: MatchableIntent, b: MatchableIntent): boolean {
  return areasWithin(a.cell, b.cell, Math.min(a.travelKm, b.travelKm));
}

export function intentsOverlap(a: MatchableIntent, b: MatchableIntent): boolean {
  return a.activity === b.activity && windowsOverlap(a, b) && withinBothRadii(a, b);
}
