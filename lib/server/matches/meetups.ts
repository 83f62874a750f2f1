import "server-only";
import type { Answer, ArrivalMinutes, MatchView, PlanMatch } from "@/lib/views/matches";
import { notify } from "../live/notifications";
import { enforce, MATCH_ANSWERS_PER_USER } from "../rate-limit";
import { sql, statement, transaction, type Sql } from "../sql";
import { lockOpenMatch, readMatch, VISIBLE_TO } from "./access";
import { listMessages } from "./messages";

// A match as a meet-up: the page, each side's answer ("I'm in", "Maybe", "Can't make it") and "on my
// way", and each plan's matches for its card. Who may see or change a match: access.ts.

/** The match page for `viewerId`, or null when they may not see it (or it does not exist). */
export async function getMatch(viewerId: string, matchId: string, now = new Date()): Promise<MatchView | null> {
  const row = await readMatch(sql, matchId, viewerId);
  if (!row) return null;
  const messages = await listMessages(matchId, viewerId);
  return {
    id: matchId,
    activity: row.activity,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    ended: row.endsAt <= now,
    // A side whose row the retention sweep has already taken (the window is over) shows no answer.
    you: { name: "You", answer: row.myAnswer, arrivingAt: row.myArrivingAt, out: row.myOutAt !== null, note: row.myNote },
    friend: { name: row.friendName, answer: row.friendAnswer, arrivingAt: row.friendArrivingAt, out: row.friendOutAt !== null, note: row.friendNote },
    messages,
    spot: messages.findLast((message) => message.kind === "spot") ?? null,
  };
}

// Changes the viewer's side, only while the match is visible to them (checked again under the
// pair's lock: a block or removal committed meanwhile wins) and their plan is still in it; answers
// close at the window's end. Returns a row only when something changed (the same answer twice tells
// nobody); "on my way" always changes the arrival time, and a plain "I'm in" keeps the one given.
const SET_ANSWER = statement(
  `UPDATE match_members me SET answer = $3, answered_at = $4,
     arriving_at = CASE WHEN $3 <> 'in' THEN NULL WHEN $5::timestamptz IS NULL THEN me.arriving_at ELSE $5 END
   FROM matches m
   WHERE me.match_id = $1 AND me.user_id = $2 AND m.id = me.match_id AND me.out_at IS NULL AND m.ends_at > $4
     AND (me.answer IS DISTINCT FROM $3 OR $5::timestamptz IS NOT NULL)
     AND ${VISIBLE_TO("$2", "CASE WHEN m.user_low_id = $2 THEN m.user_high_id ELSE m.user_low_id END")}
   RETURNING me.match_id AS "matchId"`,
  ["uuid", "uuid", "MatchAnswer", "timestamptz", "timestamptz?"],
  { matchId: "uuid" },
);

type Change = { answer: Answer; arrivingInMinutes?: ArrivalMinutes };

/**
 * Sets the viewer's answer (or "on my way", which is also "I'm in") and tells the friend — live, and
 * by push within their controls — unless nothing changed or the friend's own plan is off.
 */
async function change(userId: string, matchId: string, { answer, arrivingInMinutes }: Change, now: Date): Promise<void> {
  await enforce(MATCH_ANSWERS_PER_USER, userId);
  await transaction(async (tx) => {
    const match = await lockOpenMatch(tx, userId, matchId, now);
    const arrivingAt = arrivingInMinutes ? new Date(now.getTime() + arrivingInMinutes * 60_000) : null;
    const changed = await tx.rows(SET_ANSWER, [matchId, userId, answer, now, arrivingAt]);
    if (changed.length === 0 || match.friendOutAt) return;
    await notify(tx, [
      arrivingInMinutes
        ? { userId: match.friendId, type: "match_on_way", actorId: userId, matchId, detail: String(arrivingInMinutes) }
        : { userId: match.friendId, type: "match_answer", actorId: userId, matchId, detail: answer },
    ]);
  });
}

/** "I'm in", "Maybe" or "Can't make it": changeable until the window ends. */
export async function answerMatch(userId: string, matchId: string, answer: Answer, now = new Date()): Promise<void> {
  await change(userId, matchId, { answer }, now);
}

/** "On my way — there in about N minutes": a rough arrival time, never a position. */
export async function onMyWay(userId: string, matchId: string, minutes: ArrivalMinutes, now = new Date()): Promise<void> {
  await change(userId, matchId, { answer: "in", arrivingInMinutes: minutes }, now);
}

const PLAN_MATCHES = statement(
  `SELECT me.plan_id AS "planId", m.id, f.display_name AS name, them.answer, coalesce(them.out_at IS NOT NULL, false) AS out
   FROM match_members me
   JOIN matches m ON m.id = me.match_id
   JOIN users f ON f.id = CASE WHEN m.user_low_id = $1 THEN m.user_high_id ELSE m.user_low_id END
   LEFT JOIN match_members them ON them.match_id = m.id AND them.user_id = f.id
   WHERE me.user_id = $1 AND me.plan_id = ANY($2::uuid[]) AND ${VISIBLE_TO("$1", "f.id")}
   ORDER BY m.created_at, m.id`,
  ["uuid", "uuid[]"],
  { planId: "uuid?", id: "uuid", name: "text", answer: "MatchAnswer?", out: "bool" },
);

/** The matches of each of these plans of the owner, oldest first, as their cards list them. */
export async function matchesOfPlans(on: Sql, ownerId: string, planIds: string[]): Promise<Map<string, PlanMatch[]>> {
  const byPlan = new Map<string, PlanMatch[]>();
  if (planIds.length === 0) return byPlan;
  for (const row of await on.rows(PLAN_MATCHES, [ownerId, planIds])) {
    if (!row.planId) continue; // (never: the query asks for these plans)
    byPlan.set(row.planId, [...(byPlan.get(row.planId) ?? []), { id: row.id, friend: { name: row.name, answer: row.answer, out: row.out } }]);
  }
  return byPlan;
}
