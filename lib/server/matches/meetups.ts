import "server-only";
import type { Answer, ArrivalMinutes, MatchView, PlanMatch } from "@/lib/views/matches";
import { notify } from "../live/notifications";
import { enforce, MATCH_ANSWERS_PER_USER } from "../rate-limit";
import { sql, statement, transaction, type Sql } from "../sql";
import { lockOpenHuddle, OTHER_SIDE, readHuddle, VISIBLE_TO } from "./access";
import { listMessages } from "./messages";

// A match as a meet-up: the page (the viewer's huddle: their plan's matches, one friend each), the
// viewer's answer ("I'm in", "Maybe", "Can't make it") and "on my way" — one answer for the whole
// huddle, told to each friend in it — and each plan's matches for its card. Who may see or change a
// match, and what a huddle holds: access.ts.

/** The match page for `viewerId`, or null when they may not see it (or it does not exist). */
export async function getMatch(viewerId: string, matchId: string, now = new Date()): Promise<MatchView | null> {
  const rows = await readHuddle(sql, matchId, viewerId);
  const opened = rows.find((row) => row.opened);
  if (!opened) return null;
  const messages = await listMessages(
    rows.map((row) => row.id),
    viewerId,
  );
  // The viewer's side, as the newest friend in it sees it: a friend who joined after an answer has
  // not been given one (it was given to the others), so the page asks again, and answering tells all.
  const mine = rows.findLast((row) => row.mine && !row.myOutAt) ?? opened;
  const youOut = mine.myOutAt !== null;
  // The time over everyone still in (or, when nobody is, over the match opened).
  const live = rows.filter((row) => !row.myOutAt && !row.friendOutAt);
  const span = live.length > 0 ? live : [opened];
  const startsAt = new Date(Math.min(...span.map((row) => row.startsAt.getTime())));
  const endsAt = new Date(Math.max(...span.map((row) => row.endsAt.getTime())));
  return {
    id: matchId,
    activity: opened.activity,
    startsAt,
    endsAt,
    ended: endsAt <= now,
    askedBy: opened.askerId === opened.friendId ? opened.friendName : null,
    // Only a friend matched by area (and still in) is "in your area": an asked one's area was never compared.
    inYourArea: rows.some((row) => row.askerId === null && !row.friendOutAt && !row.myOutAt),
    // A side whose row the retention sweep has already taken (the window is over) shows no answer.
    you: { name: "You", answer: mine.myAnswer, arrivingAt: mine.myArrivingAt, out: youOut, note: mine.myNote },
    friends: rows.map((row) => ({
      name: row.friendName,
      answer: row.friendAnswer,
      arrivingAt: row.friendArrivingAt,
      // Out of this huddle: their plan is off, or the viewer's plan no longer takes them in (an edit).
      // A friend the viewer asked has no plan in it: never shown as out (only a pause at the time of
      // the ask sets it, which is theirs to know), just as not answered yet.
      out: (row.friendOutAt !== null && row.askerId !== viewerId) || (row.myOutAt !== null && !youOut),
      note: row.friendNote,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      asked: row.askerId === viewerId,
    })),
    messages,
    spot: messages.findLast((message) => message.kind === "spot") ?? null,
  };
}

// Changes the viewer's side of these matches, only while each is visible to them (checked again under
// the pairs' locks: a block or removal committed meanwhile wins) and their plan is still in it; answers
// close at the window's end. Returns a row for each that changed (the same answer twice tells
// nobody); "on my way" always changes the arrival time, and a plain "I'm in" keeps the one given.
const SET_ANSWER = statement(
  `UPDATE match_members me SET answer = $3, answered_at = $4,
     arriving_at = CASE WHEN $3 <> 'in' THEN NULL WHEN $5::timestamptz IS NULL THEN me.arriving_at ELSE $5 END
   FROM matches m
   WHERE me.match_id = ANY($1::uuid[]) AND me.user_id = $2 AND m.id = me.match_id AND me.out_at IS NULL AND m.ends_at > $4
     AND (me.answer IS DISTINCT FROM $3 OR $5::timestamptz IS NOT NULL)
     AND ${VISIBLE_TO("$2", OTHER_SIDE("$2"))}
   RETURNING me.match_id AS "matchId"`,
  ["uuid[]", "uuid", "MatchAnswer", "timestamptz", "timestamptz?"],
  { matchId: "uuid" },
);

type Change = { answer: Answer; arrivingInMinutes?: ArrivalMinutes };

/**
 * Sets the viewer's answer (or "on my way", which is also "I'm in") on every open match of their
 * huddle and tells each friend in it — live, and by push within their controls — unless nothing
 * changed for them or their own plan is off.
 */
async function change(userId: string, matchId: string, { answer, arrivingInMinutes }: Change, now: Date): Promise<void> {
  await enforce(MATCH_ANSWERS_PER_USER, userId);
  await transaction(async (tx) => {
    const { open } = await lockOpenHuddle(tx, userId, matchId, now);
    const arrivingAt = arrivingInMinutes ? new Date(now.getTime() + arrivingInMinutes * 60_000) : null;
    const changed = new Set((await tx.rows(SET_ANSWER, [open.map((row) => row.id), userId, answer, now, arrivingAt])).map((row) => row.matchId));
    const tell = open.filter((row) => changed.has(row.id) && !row.friendOutAt);
    await notify(
      tx,
      tell.map((row) =>
        arrivingInMinutes
          ? { userId: row.friendId, type: "match_on_way" as const, actorId: userId, matchId: row.id, detail: String(arrivingInMinutes) }
          : { userId: row.friendId, type: "match_answer" as const, actorId: userId, matchId: row.id, detail: answer },
      ),
    );
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
  `SELECT me.plan_id AS "planId", m.id, m.asker_id IS NOT NULL AS asked, f.display_name AS name, them.answer, coalesce(them.out_at IS NOT NULL, false) AS out
   FROM match_members me
   JOIN matches m ON m.id = me.match_id
   JOIN users f ON f.id = ${OTHER_SIDE("$1")}
   LEFT JOIN match_members them ON them.match_id = m.id AND them.user_id = f.id
   WHERE me.user_id = $1 AND me.plan_id = ANY($2::uuid[]) AND ${VISIBLE_TO("$1", "f.id")}
   ORDER BY m.created_at, m.id`,
  ["uuid", "uuid[]"],
  { planId: "uuid?", id: "uuid", asked: "bool", name: "text", answer: "MatchAnswer?", out: "bool" },
);

/** The matches of each of these plans of the owner, oldest first, as their cards list them. */
export async function matchesOfPlans(on: Sql, ownerId: string, planIds: string[]): Promise<Map<string, PlanMatch[]>> {
  const byPlan = new Map<string, PlanMatch[]>();
  if (planIds.length === 0) return byPlan;
  for (const row of await on.rows(PLAN_MATCHES, [ownerId, planIds])) {
    if (!row.planId) continue; // (never: the query asks for these plans)
    byPlan.set(row.planId, [...(byPlan.get(row.planId) ?? []), { id: row.id, asked: row.asked, friend: { name: row.name, answer: row.answer, out: row.out } }]);
  }
  return byPlan;
}
