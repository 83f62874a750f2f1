import { randomUUID } from "node:crypto";
import type pg from "pg";
import { snapToCell } from "@/lib/geo";
import { createSessions } from "../../../scripts/bench/sessions.mjs";
import { insertFriendships, insertUsers } from "../../../scripts/bench/world.mjs";

// The people a fault scenario loads the app with: groups of mutual close friends (every two people
// in a group mark each other close), each with a signed-in session. Everyone's plans are posted from
// one area with one radius, so a person uses one slot of the daily area budget however many they post,
// and every two friends' plans for the same activity overlap (same area, "now" for two hours).

export const GROUP_SIZE = 5;
export const AREA = snapToCell(38.6786, -9.3357, 7);

export type Member = { userId: string; cookie: string; group: number };

/**
 * Seeds `groups` groups of GROUP_SIZE fresh users (handles `${label}0`, `${label}1`, …) into a
 * migrated database, friends within their group only, and a session for each.
 */
export async function seedGroups(
  pool: pg.Pool,
  { label, groups, secret, seed }: { label: string; groups: number; secret: string; seed: number },
): Promise<Member[]> {
  const ids = Array.from({ length: groups * GROUP_SIZE }, () => randomUUID());
  await insertUsers(pool, ids, label);
  const owners: string[] = [];
  const friendIds: string[] = [];
  ids.forEach((owner, a) => {
    ids.forEach((friend, b) => {
      if (a !== b && groupOf(a) === groupOf(b)) {
        owners.push(owner);
        friendIds.push(friend);
      }
    });
  });
  await insertFriendships(
    pool,
    owners,
    friendIds,
    owners.map(() => true),
  );
  const sessions = await createSessions(pool, ids, { secret, seed });
  return sessions.map((session, index) => ({ userId: session.userId, cookie: session.cookie, group: groupOf(index) }));
}

const groupOf = (index: number) => Math.floor(index / GROUP_SIZE);
