import { snapToCell } from "@/lib/geo";
import { db } from "@/lib/server/db";
import type { Person } from "./people";
import { postAndMatch } from "./plans";

// The places and people of the attacker tests (tests/integration/location-oracles.test.ts,
// constant-work.test.ts): an accepted friend who controls their own client, and their victim.

export const HOUR = 3_600_000;
export const MINUTE = 60_000;
export const carcavelos = snapToCell(38.6786, -9.3357, 7);
export const porto = snapToCell(41.1496, -8.611, 7); // ~275 km away
export const faro = snapToCell(37.0194, -7.9304, 7);
export const braga = snapToCell(41.5454, -8.4265, 7);
export const BUDGET_REFUSAL = /already used 3 different areas or distances in the last day/;

/** Friends who marked each other close. */
export async function friends(a: Person, b: Person) {
  await db().friendship.createMany({
    data: [
      { ownerId: a.id, friendId: b.id, close: true },
      { ownerId: b.id, friendId: a.id, close: true },
    ],
  });
}

export type Plan = Parameters<typeof postAndMatch>[1];

/** Posts "surfing, for two hours from `now`, around Carcavelos, 10 km, close friends" with `overrides`, then matches it. */
export function post(p: Person, overrides: Partial<Plan> = {}, now = new Date()) {
  const plan: Plan = { activity: "surfing", startsAt: now, endsAt: new Date(now.getTime() + 2 * HOUR), cell: carcavelos, travelKm: 10, audience: "close", note: undefined };
  return postAndMatch(p.id, { ...plan, ...overrides }, now);
}
