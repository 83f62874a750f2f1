import "server-only";
import { ExpectedError, NotFoundError } from "../errors";
import { pairLockKey } from "../social/relationships";
import { lockAll, statement, type RowOf, type Sql, type Tx } from "../sql";

// Who may see or change a match: only its two people, and only while they are still friends with no
// block between them. Anyone else gets the same "not found" as a match that does not exist.
//
// A huddle is what one person sees of a meet-up: their plan and every match it made, one line per
// friend. It is built from that person's own matches only — each a pair of friends whose audiences
// admitted each other — so nobody in it is anyone but the viewer's own friend: when Ana and Carol
// both matched Ben but are not friends, Ben's huddle has both, and Ana's and Carol's have only Ben.

/** Who may see a match: one of its two people, still friends with the other, no block either way. */
export const VISIBLE_TO = (viewer: string, friend: string) =>
  `EXISTS (SELECT 1 FROM friendships WHERE owner_id = ${viewer} AND friend_id = ${friend})
   AND NOT EXISTS (SELECT 1 FROM blocks WHERE (blocker_id = ${viewer} AND blocked_id = ${friend}) OR (blocker_id = ${friend} AND blocked_id = ${viewer}))`;

/** The other person of match `m` for `viewer` (an SQL expression). */
export const OTHER_SIDE = (viewer: string, m = "m") => `CASE WHEN ${m}.user_low_id = ${viewer} THEN ${m}.user_high_id ELSE ${m}.user_low_id END`;

/**
 * Whether `friend` is already in the huddle of plan `plan` (SQL expressions): a match or an ask of
 * that plan with them, in or out. A friend is in a plan's huddle once.
 */
export const IN_HUDDLE = (plan: string, friend: string) =>
  `EXISTS (SELECT 1 FROM match_members hs JOIN match_members ho ON ho.match_id = hs.match_id WHERE hs.plan_id = ${plan} AND ho.user_id = ${friend})`;

// The viewer's huddle around match $1: that match, if the viewer may see it, and every other match of
// the viewer's plan in it that they may still see, oldest first — one row per friend.
const HUDDLE = statement(
  `WITH opened AS (
     SELECT me.plan_id FROM matches m LEFT JOIN match_members me ON me.match_id = m.id AND me.user_id = $2
     WHERE m.id = $1 AND $2 IN (m.user_low_id, m.user_high_id) AND ${VISIBLE_TO("$2", OTHER_SIDE("$2"))})
   SELECT m.id, m.id = $1 AS opened, m.activity, m.starts_at AS "startsAt", m.ends_at AS "endsAt", m.asker_id AS "askerId",
          f.id AS "friendId", f.display_name AS "friendName",
          me.user_id IS NOT NULL AS "mine", me.answer AS "myAnswer", me.arriving_at AS "myArrivingAt", me.out_at AS "myOutAt",
          them.answer AS "friendAnswer", them.arriving_at AS "friendArrivingAt", them.out_at AS "friendOutAt",
          -- Each plan's note, where its owner chose to show it: as the match told the other side (the ledger).
          (SELECT d.note FROM disclosures d WHERE d.match_id = m.id AND d.subject_id = $2 AND d.note IS NOT NULL LIMIT 1) AS "myNote",
          (SELECT d.note FROM disclosures d WHERE d.match_id = m.id AND d.subject_id = f.id AND d.note IS NOT NULL LIMIT 1) AS "friendNote"
   FROM matches m
   JOIN users f ON f.id = ${OTHER_SIDE("$2")}
   LEFT JOIN match_members me ON me.match_id = m.id AND me.user_id = $2
   LEFT JOIN match_members them ON them.match_id = m.id AND them.user_id = f.id
   WHERE m.id IN (SELECT $1 UNION ALL
                  SELECT s.match_id FROM match_members s, opened WHERE s.user_id = $2 AND s.plan_id = opened.plan_id)
     AND EXISTS (SELECT 1 FROM opened)
     AND $2 IN (m.user_low_id, m.user_high_id) AND ${VISIBLE_TO("$2", "f.id")}
   ORDER BY m.created_at, m.id`,
  ["uuid", "uuid"],
  {
    id: "uuid",
    opened: "bool",
    activity: "text",
    startsAt: "timestamptz",
    endsAt: "timestamptz",
    askerId: "uuid?",
    friendId: "uuid",
    friendName: "text",
    mine: "bool",
    myAnswer: "MatchAnswer?",
    myArrivingAt: "timestamptz?",
    myOutAt: "timestamptz?",
    friendAnswer: "MatchAnswer?",
    friendArrivingAt: "timestamptz?",
    friendOutAt: "timestamptz?",
    myNote: "text?",
    friendNote: "text?",
  },
);

/** One of the viewer's matches in a huddle: the friend's side and the viewer's. */
export type HuddleRow = RowOf<typeof HUDDLE.columns>;

/** The huddle around `matchId` as `viewerId` may see it (the opened match among them), or [] when they may not. */
export async function readHuddle(on: Sql, matchId: string, viewerId: string): Promise<HuddleRow[]> {
  return on.rows(HUDDLE, [matchId, viewerId]);
}

/**
 * The matches of the huddle `userId` is about to change that can still change — their time not
 * over, their own side still in — under every pair's lock (a removal or block committed meanwhile
 * wins: the statements that write check again), or an error the user sees: "not found" for anyone
 * but the opened match's two people, and why nothing can change any more.
 */
export async function lockOpenHuddle(tx: Tx, userId: string, matchId: string, now: Date): Promise<{ open: HuddleRow[]; all: HuddleRow[] }> {
  const seen = await readHuddle(tx, matchId, userId);
  if (!seen.some((row) => row.opened && row.mine)) throw new NotFoundError();
  await lockAll(
    tx,
    seen.map((row) => pairLockKey(userId, row.friendId)),
  );
  // Read again under the locks: a drop-out, block or removal that committed meanwhile is seen now.
  // A match made meanwhile (its pair's lock not taken here) waits for the next change.
  const locked = new Set(seen.map((row) => row.friendId));
  const all = (await readHuddle(tx, matchId, userId)).filter((row) => row.mine && locked.has(row.friendId));
  if (!all.some((row) => row.opened)) throw new NotFoundError();
  const open = all.filter((row) => row.endsAt > now && !row.myOutAt);
  if (open.length === 0) {
    if (all.every((row) => row.endsAt <= now)) throw new ExpectedError("This plan’s time is over, so this meet-up is closed.");
    throw new ExpectedError("Your plan for this is off, so there’s nothing to answer.");
  }
  return { open, all };
}

// Everyone in an open match or ask of this plan of the user's: whose pair locks an edit of it takes,
// all at once (in one order: its drop-outs and its asks then take no lock it does not hold yet).
const PLAN_PARTNERS = statement(
  `SELECT DISTINCT o.user_id AS "userId" FROM match_members me JOIN match_members o ON o.match_id = me.match_id AND o.user_id <> me.user_id
   WHERE me.user_id = $1 AND me.plan_id = $2 AND me.out_at IS NULL AND me.ends_at > $3`,
  ["uuid", "uuid", "timestamptz"],
  { userId: "uuid" },
);

/** Takes the pair lock of everyone in an open match or ask of the user's plan, in one order. */
export async function lockPlanPartners(tx: Tx, userId: string, planId: string, now: Date): Promise<void> {
  const partners = await tx.rows(PLAN_PARTNERS, [userId, planId, now]);
  await lockAll(
    tx,
    partners.map((partner) => pairLockKey(userId, partner.userId)),
  );
}
