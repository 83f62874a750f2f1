import { db } from "@/lib/server/db";
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
