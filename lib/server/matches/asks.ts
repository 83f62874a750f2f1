import "server-only";
import type { CloseFriend } from "@/lib/views/plans";
import { ASK_MAX_PEOPLE } from "@/lib/validation/matches";
import { ExpectedError, NotFoundError } from "../errors";
import { inboxLockKeys, notify } from "../live/notifications";
import { ASKS_PER_USER, enforce } from "../rate-limit";
import { pairLockKey } from "../social/relationships";
import { lockInOrder, sql, statement, transaction, type Tx } from "../sql";
import { IN_HUDDLE, OTHER_SIDE, VISIBLE_TO } from "./access";

// Asks: besides posting and waiting, a plan can be sent straight to chosen close friends ("Ana asks:
// up for surfing?"). An ask tells them the activity and the window only — nobody's area is compared,
// so never "in your area" — and lands on the same page as a match, with the same answers. It is
// stored as a match with its asker: the asker's plan is both plan columns (the one plan behind it,
// which it goes with), and the friend asked has no plan in it.

/** A close friend of the asker's, both still friends, no block either way. */
const CLOSE_FRIEND = (asker: string, friend: string) =>
  `EXISTS (SELECT 1 FROM friendships cf JOIN friendships cb ON cb.owner_id = cf.friend_id AND cb.friend_id = cf.owner_id
           WHERE cf.owner_id = ${asker} AND cf.friend_id = ${friend} AND cf.close)
   AND NOT EXISTS (SELECT 1 FROM blocks WHERE (blocker_id = ${asker} AND blocked_id = ${friend}) OR (blocker_id = ${friend} AND blocked_id = ${asker}))
   AND EXISTS (SELECT 1 FROM users cu WHERE cu.id = ${friend} AND cu.disabled_at IS NULL)`;

const CLOSE_FRIENDS = statement(
  `SELECT u.id, u.display_name AS "displayName" FROM friendships mine JOIN users u ON u.id = mine.friend_id
   WHERE mine.owner_id = $1 AND ${CLOSE_FRIEND("$1", "mine.friend_id")} ORDER BY lower(u.display_name), u.id`,
  ["uuid"],
  { id: "uuid", displayName: "text" },
);

/** The user's close friends, whom they can ask (by name). */
export async function listCloseFriends(userId: string): Promise<CloseFriend[]> {
  return sql.rows(CLOSE_FRIENDS, [userId]);
}

// The asker's plan (theirs, still on, their account enabled), whether they are paused, and which of
// these people they may ask.
const ASKABLE = statement(
  `SELECT (SELECT u.paused_until > $4 FROM users u WHERE u.id = $1) AS paused,
          EXISTS (SELECT 1 FROM plans p JOIN users u ON u.id = p.user_id
                  WHERE p.id = $2 AND p.user_id = $1 AND p.ends_at > $4 AND u.disabled_at IS NULL) AS "planOn",
          (SELECT count(*)::int FROM unnest($3::uuid[]) AS t(friend) WHERE ${CLOSE_FRIEND("$1", "t.friend")}) AS askable`,
  ["uuid", "uuid", "uuid[]", "timestamptz"],
  { paused: "bool?", planOn: "bool", askable: "int4" },
);

// Under the pairs' locks, one statement: for each friend still askable (checked again) and not
// already in the plan's huddle (asked before, or matched), the ask, each side's row for answering,
// and what they are told (the activity and the window, and the note where the plan shows it),
// written to the asker's ledger. A friend who pauses is told nothing, now or later: their side is
// out from the start (nothing that follows reaches them), which the asker is never shown — to the
// asker they have not answered yet. Returns the tellings, each with whether to ping its reader.
const ASK = statement(
  `WITH plan AS (
     SELECT p.activity, p.starts_at, p.ends_at, CASE WHEN p.share_note THEN p.note END AS note FROM plans p
     WHERE p.id = $2 AND p.user_id = $1 AND p.ends_at > $4),
   fresh AS (
     SELECT DISTINCT t.friend FROM unnest($3::uuid[]) AS t(friend)
     WHERE t.friend <> $1 AND ${CLOSE_FRIEND("$1", "t.friend")}
       AND NOT ${IN_HUDDLE("$2", "t.friend")}),
   made AS (
     INSERT INTO matches (id, user_low_id, user_high_id, plan_low_id, plan_high_id, activity, starts_at, ends_at, asker_id, created_at)
     SELECT gen_random_uuid(), least($1::uuid, fresh.friend), greatest($1::uuid, fresh.friend), $2, $2, plan.activity, plan.starts_at, plan.ends_at, $1, $4
     FROM fresh, plan
     RETURNING id, ${OTHER_SIDE("$1", "matches")} AS friend, ends_at),
   paused AS (SELECT id FROM users WHERE id = ANY($3::uuid[]) AND paused_until > $4),
   sides AS (
     INSERT INTO match_members (match_id, user_id, plan_id, ends_at, out_at)
     SELECT made.id, s.user_id, s.plan_id, made.ends_at, CASE WHEN s.user_id IN (SELECT id FROM paused) THEN $4::timestamptz END
     FROM made, LATERAL (VALUES ($1::uuid, $2::uuid), (made.friend, NULL::uuid)) AS s(user_id, plan_id)),
   told AS (
     INSERT INTO disclosures (id, subject_id, recipient_id, match_id, activity, starts_at, ends_at, note, created_at)
     SELECT gen_random_uuid(), $1, made.friend, made.id, plan.activity, plan.starts_at, plan.ends_at, plan.note, $4 FROM made, plan
     RETURNING id, recipient_id, match_id)
   SELECT told.id AS "disclosureId", told.recipient_id AS "recipientId", told.match_id AS "matchId",
          told.recipient_id NOT IN (SELECT id FROM paused) AS ping
   FROM told`,
  ["uuid", "uuid", "uuid[]", "timestamptz"],
  { disclosureId: "uuid", recipientId: "uuid", matchId: "uuid?", ping: "bool" },
);

/**
 * Sends the user's plan as an ask to these close friends (ids; at most ASK_MAX_PEOPLE). Anyone who
 * is not a close friend — a stranger, a removed friend, someone blocked either way — makes the whole
 * ask "not found", and nothing is stored. A friend already in the plan's huddle is not asked again.
 * Resolves to how many were asked now.
 */
export async function askFriends(userId: string, planId: string, friendIds: string[], now = new Date()): Promise<number> {
  const people = [...new Set(friendIds.map((id) => id.toLowerCase()))];
  if (people.length === 0 || people.length > ASK_MAX_PEOPLE) throw new ExpectedError(`Choose between 1 and ${ASK_MAX_PEOPLE} close friends to ask.`);
  await enforce(ASKS_PER_USER, userId);
  return transaction(async (tx) => {
    // Every pair's lock, then every inbox's — before anything is written (as the matcher does, and
    // account deletion: inboxes before rows), and for every friend alike, paused or not.
    await lockInOrder(tx, [...people.map((friend) => pairLockKey(userId, friend)).sort(), ...inboxLockKeys(people)]);
    const [askable] = await tx.rows(ASKABLE, [userId, planId, people, now]);
    if (!askable?.planOn || askable.askable !== people.length) throw new NotFoundError();
    if (askable.paused) throw new ExpectedError("Sharing is paused. Resume it to ask friends.");
    const told = await tx.rows(ASK, [userId, planId, people, now]);
    await notify(
      tx,
      told
        .filter((row) => row.ping)
        .map((row) => ({ userId: row.recipientId, type: "ask" as const, actorId: userId, disclosureId: row.disclosureId, matchId: row.matchId })),
      { locked: people },
    );
    return told.length;
  });
}

// After an edit of a plan's time: each ask of it still open moves to the new time, the answers given
// to the old one are cleared, and each friend asked (still in, still visible) is asked again — the
// new time written to the asker's ledger.
const RETELL = statement(
  `WITH asks AS (
     SELECT m.id, o.user_id AS friend FROM matches m
     JOIN match_members me ON me.match_id = m.id AND me.user_id = $1 AND me.out_at IS NULL
     JOIN match_members o ON o.match_id = m.id AND o.user_id <> $1
     WHERE m.asker_id = $1 AND m.plan_low_id = $2 AND m.ends_at > $5 AND (m.starts_at, m.ends_at) IS DISTINCT FROM ($3::timestamptz, $4::timestamptz)
       AND ${VISIBLE_TO("$1", "o.user_id")}),
   moved AS (UPDATE matches m SET starts_at = $3, ends_at = $4 FROM asks WHERE m.id = asks.id),
   sides AS (
     UPDATE match_members s SET ends_at = $4, answer = NULL, answered_at = NULL, arriving_at = NULL
     FROM asks WHERE s.match_id = asks.id),
   kept AS (UPDATE match_messages mm SET ends_at = $4 FROM asks WHERE mm.match_id = asks.id),
   told AS (
     INSERT INTO disclosures (id, subject_id, recipient_id, match_id, activity, starts_at, ends_at, note, created_at)
     SELECT gen_random_uuid(), $1, asks.friend, asks.id, p.activity, $3, $4, CASE WHEN p.share_note THEN p.note END, $5
     FROM asks JOIN plans p ON p.id = $2
     WHERE NOT EXISTS (SELECT 1 FROM match_members o WHERE o.match_id = asks.id AND o.user_id = asks.friend AND o.out_at IS NOT NULL)
     RETURNING id, recipient_id, match_id)
   SELECT id AS "disclosureId", recipient_id AS "recipientId", match_id AS "matchId" FROM told`,
  ["uuid", "uuid", "timestamptz", "timestamptz", "timestamptz"],
  { disclosureId: "uuid", recipientId: "uuid", matchId: "uuid?" },
);

/**
 * After an edit of `planId`'s time, in the edit's transaction (pair locks taken: lockPlanPartners):
 * its asks move with it, and each friend asked is asked again with the new time (one who paused
 * when asked still hears nothing). Nothing happens when the time is the same.
 */
export async function retellAsks(tx: Tx, userId: string, planId: string, window: { startsAt: Date; endsAt: Date }, now: Date): Promise<void> {
  const told = await tx.rows(RETELL, [userId, planId, window.startsAt, window.endsAt, now]);
  await notify(
    tx,
    told.map((row) => ({ userId: row.recipientId, type: "ask" as const, actorId: userId, disclosureId: row.disclosureId, matchId: row.matchId })),
  );
}
