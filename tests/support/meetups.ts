import type pg from "pg";
import { db, pool } from "@/lib/server/db";
import { friends, HOUR, post } from "./matching";
import { person, type Person } from "./people";

// Two friends whose plans matched, for the tests of what a match becomes (answers, messages, drop-outs).

export type Pair = { alice: Person; bob: Person; matchId: string; alicePlan: string; bobPlan: string; now: Date };

/** Alice and Bob, close friends, both surfing around Carcavelos: Bob's plan an hour after Alice's starts. */
export async function matched(now = new Date()): Promise<Pair> {
  const [alice, bob] = [await person("Alice"), await person("Bob")];
  await friends(alice, bob);
  const { plan: alicePlan } = await post(alice, {}, now);
  const { plan: bobPlan } = await post(bob, { startsAt: new Date(now.getTime() + HOUR), endsAt: new Date(now.getTime() + 3 * HOUR) }, now);
  const match = await db().match.findFirstOrThrow({ select: { id: true } });
  return { alice, bob, matchId: match.id, alicePlan: alicePlan.id, bobPlan: bobPlan.id, now };
}

/** The match between two people (the first, if there are several). */
export async function matchOf(a: Person, b: Person): Promise<string> {
  const match = await db().match.findFirstOrThrow({
    where: {
      OR: [
        { userLowId: a.id, userHighId: b.id },
        { userLowId: b.id, userHighId: a.id },
      ],
    },
    select: { id: true },
  });
  return match.id;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Holds an advisory lock named `key` on a connection of its own until release() is called. */
export async function hold(key: string): Promise<{ release: () => Promise<void> }> {
  const client: pg.PoolClient = await pool().connect();
  await client.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [key]);
  return {
    release: async () => {
      await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [key]);
      client.release();
    },
  };
}

/** Ana with a surfing plan (posted and matched), and Ben and Cleo, her close friends: for the tests of asks. */
export async function anaWithPlan() {
  const [ana, ben, cleo] = [await person("Ana"), await person("Ben"), await person("Cleo")];
  await friends(ana, ben);
  await friends(ana, cleo);
  const { plan } = await post(ana);
  return { ana, ben, cleo, planId: plan.id };
}
