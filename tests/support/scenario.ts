import { snapToCell } from "@/lib/geo";
import { db } from "@/lib/server/db";
import { blockUser } from "@/lib/server/social/blocks";
import { acceptFriendRequest, sendFriendRequest, setCloseFriend } from "@/lib/server/social/friends";
import { cancelPlan } from "@/lib/server/plans/plans";
import { acceptInvite, createInvite } from "@/lib/server/social/invites";
import { createSession } from "@/lib/server/auth/sessions";
import { setPausedUntil } from "@/lib/server/privacy/settings";
import { person, type Person } from "./people";
import { postAndMatch } from "./plans";
import { answerMatch } from "@/lib/server/matches/meetups";
import { sendMessage } from "@/lib/server/matches/messages";
import { createStandingPlan } from "@/lib/server/plans/standing";

const HOUR = 3_600_000;
export const CARCAVELOS = snapToCell(38.6786, -9.3357, 7);
export const CASCAIS = snapToCell(38.6979, -9.4215, 7);

async function befriend(a: Person, b: Person): Promise<void> {
  await sendFriendRequest(a.id, b.handle);
  const request = await db().friendRequest.findFirstOrThrow({ where: { senderId: a.id, recipientId: b.id }, select: { id: true } });
  await acceptFriendRequest(b.id, request.id);
}

export type Scenario = { alice: Person; bob: Person; carol: Person; dave: Person; erin: Person; frank: Person; gina: Person };

/**
 * A world in which Alice has used every feature, each through the code the app runs: invites both
 * ways, requests both ways, friends with close marks, blocks both ways, a session, a pause, plans and
 * a match with its notifications and ledger rows, an answer and a suggested spot, a standing plan. Tests about "everything held about Alice" start here.
 */
export async function aliceUsedEverything(now = new Date()): Promise<Scenario> {
  const [alice, bob, carol, dave, erin, frank, gina] = await Promise.all(
    ["Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Gina"].map((name) => person(name)),
  );
  const scenario = { alice: alice!, bob: bob!, carol: carol!, dave: dave!, erin: erin!, frank: frank!, gina: gina! };

  // Gina invited Alice; Alice and Bob became friends by request and count each other as close.
  const { token } = await createInvite(scenario.gina.id);
  await acceptInvite(scenario.alice.id, token);
  await befriend(scenario.alice, scenario.bob);
  await setCloseFriend(scenario.alice.id, scenario.bob.id, true);
  await setCloseFriend(scenario.bob.id, scenario.alice.id, true);
  // Carol was a friend, then blocked Alice; Alice blocked Frank after his request.
  await befriend(scenario.carol, scenario.alice);
  await blockUser(scenario.carol.id, scenario.alice.id);
  await sendFriendRequest(scenario.frank.id, scenario.alice.handle);
  await blockUser(scenario.alice.id, scenario.frank.id);
  // Pending both ways.
  await sendFriendRequest(scenario.alice.id, scenario.dave.handle);
  await sendFriendRequest(scenario.erin.id, scenario.alice.handle);
  // An open invite of Alice's, a session, a push device, a pause that has ended.
  await createInvite(scenario.alice.id);
  await createSession(scenario.alice.id);
  await db().pushSubscription.create({
    data: { userId: scenario.alice.id, endpoint: "https://fcm.googleapis.com/fcm/send/alice", p256dh: "BAlice", auth: "alice-auth", label: "Alice’s phone" },
  });
  await setPausedUntil(scenario.alice.id, new Date(now.getTime() - HOUR));
  // Alice and Bob both want to surf: a match, with notifications and ledger rows both ways.
  const plan = {
    activity: "surfing",
    startsAt: now,
    endsAt: new Date(now.getTime() + 2 * HOUR),
    travelKm: 10,
    audience: "close" as const,
    note: "spare board",
  };
  await postAndMatch(scenario.alice.id, { ...plan, cell: CARCAVELOS }, now);
  // Bob's surfing plans used every area a day allows (two far away, cancelled: no refund), so his
  // plan checked against Alice's writes a probe notice in her ledger.
  for (const far of [snapToCell(41.1496, -8.611, 7), snapToCell(37.0194, -7.9304, 7)]) {
    const { plan: posted } = await postAndMatch(scenario.bob.id, { ...plan, cell: far }, now);
    await cancelPlan(scenario.bob.id, posted.id);
  }
  await postAndMatch(scenario.bob.id, { ...plan, cell: CASCAIS }, now);
  const matches = await db().match.findMany({ where: { OR: [{ userLowId: scenario.alice.id }, { userHighId: scenario.alice.id }] }, select: { id: true } });
  if (matches.length !== 1) throw new Error("the scenario should have made one match for Alice");
  // Alice is in, and suggests where to meet (a message, and a row in her ledger).
  await answerMatch(scenario.alice.id, matches[0]!.id, "in", now);
  await sendMessage(scenario.alice.id, matches[0]!.id, "spot", "Steamer Lane, north end", now);
  // And she surfs most Saturday mornings: a standing plan with its chosen area.
  await createStandingPlan(
    scenario.alice.id,
    { activity: "surfing", cell: CARCAVELOS, days: [6], from: 7 * 60, to: 10 * 60, timeZone: "Europe/Lisbon", lastOn: null, travelKm: 10, audience: "close" },
    now,
  );
  return scenario;
}
