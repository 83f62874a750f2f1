import { snapToCell } from "@/lib/geo";
import { db } from "@/lib/server/db";
import type { Person } from "./people";
import { postAndMatch } from "./plans";

// Places, friendships and a plan post for the tests of matching (matcher, location-oracles and
// constant-work tests).

export const HOUR = 3_600_000;
export const MINUTE = 60_000;
export const carcavelos = snapToCell(38.6786, -9.3357, 7);
export const cascais = snapToCell(38.6979, -9.4215, 7); // ~8 km away
export const porto = snapToCell(41.1496, -8.611, 7); // ~275 km away
export const faro = snapToCell(37.0194, -7.9304, 7);
export const braga = snapToCell(41.5454, -8.4265, 7);
export const BUDGET_REFUSAL = /already used 3 different areas or distances in the last day/;

/** Friends, each marking the other close unless told otherwise. */
export async function friends(a: Person, b: Person, { aMarksB = true, bMarksA = true } = {}) {
  await db().friendship.createMany({
    data: [
      { ownerId: a.id, friendId: b.id, close: aMarksB },
      { ownerId: b.id, friendId: a.id, close: bMarksA },
    ],
  });
}

export type Plan = Parameters<typeof postAndMatch>[1];

/** Posts "surfing, for two hours from `now`, around Carcavelos, 10 km, close friends" with `overrides`, then matches it. */
export function post(p: Person, overrides: Partial<Plan> = {}, now = new Date()) {
  const plan: Plan = {
    activity: "surfing",
    startsAt: now,
    endsAt: new Date(now.getTime() + 2 * HOUR),
    cell: carcavelos,
    travelKm: 10,
    audience: "close",
    note: undefined,
  };
  return postAndMatch(p.id, { ...plan, ...overrides }, now);
}
