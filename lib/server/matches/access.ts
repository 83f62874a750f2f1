import "server-only";
import { ExpectedError, NotFoundError } from "../errors";
import { lockPair } from "../social/relationships";
import { statement, type RowOf, type Sql, type Tx } from "../sql";

// Who may see or change a match: only its two people, and only while they are still friends with no
// block between them. Anyone else gets the same "not found" as a match that does not exist.

/** Who may see a match: one of its two people, still friends with the other, no block either way. */
export const VISIBLE_TO = (viewer: string, friend: string) =>
  `EXISTS (SELECT 1 FROM friendships WHERE owner_id = ${viewer} AND friend_id = ${friend})
   AND NOT EXISTS (SELECT 1 FROM blocks WHERE (blocker_id = ${viewer} AND blocked_id = ${friend}) OR (blocker_id = ${friend} AND blocked_id = ${viewer}))`;

const MATCH = statement(
  `SELECT m.activity, m.starts_at AS "startsAt", m.ends_at AS "endsAt", f.id AS "friendId", f.display_name AS "friendName",
          me.user_id IS NOT NULL AS "mine", me.answer AS "myAnswer", me.arriving_at AS "myArrivingAt", me.out_at AS "myOutAt",
          them.answer AS "friendAnswer", them.arriving_at AS "friendArrivingAt", them.out_at AS "friendOutAt",
          -- Each plan's note, where its owner chose to show it: as the match told the other side (the ledger).
          (SELECT d.note FROM disclosures d WHERE d.match_id = m.id AND d.subject_id = $2 AND d.note IS NOT NULL LIMIT 1) AS "myNote",
          (SELECT d.note FROM disclosures d WHERE d.match_id = m.id AND d.subject_id = f.id AND d.note IS NOT NULL LIMIT 1) AS "friendNote"
   FROM matches m
   JOIN users f ON f.id = CASE WHEN m.user_low_id = $2 THEN m.user_high_id ELSE m.user_low_id END
   LEFT JOIN match_members me ON me.match_id = m.id AND me.user_id = $2
   LEFT JOIN match_members them ON them.match_id = m.id AND them.user_id = f.id
   WHERE m.id = $1 AND $2 IN (m.user_low_id, m.user_high_id) AND ${VISIBLE_TO("$2", "f.id")}`,
  ["uuid", "uuid"],
  {
    activity: "text",
    startsAt: "timestamptz",
    endsAt: "timestamptz",
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

type MatchRow = RowOf<typeof MATCH.columns>;

/** The match as `viewerId` may see it (both sides), or null. */
export async function readMatch(on: Sql, matchId: string, viewerId: string): Promise<MatchRow | null> {
  const [row] = await on.rows(MATCH, [matchId, viewerId]);
  return row ?? null;
}

/**
 * The match `userId` is about to change, under the pair's lock (a removal or block committed meanwhile
 * wins: the statement that writes checks again), or an error the user sees: "not found" for anyone
 * but its two people, and why it cannot change any more.
 */
export async function lockOpenMatch(tx: Tx, userId: string, matchId: string, now: Date): Promise<MatchRow> {
  const [seen] = await tx.rows(MATCH, [matchId, userId]);
  if (!seen?.mine) throw new NotFoundError();
  await lockPair(tx, userId, seen.friendId);
  // Read again under the lock: a drop-out, block or removal that committed meanwhile is seen now.
  const [match] = await tx.rows(MATCH, [matchId, userId]);
  if (!match?.mine) throw new NotFoundError();
  if (match.endsAt <= now) throw new ExpectedError("This plan’s time is over, so this meet-up is closed.");
  if (match.myOutAt) throw new ExpectedError("Your plan for this is off, so there’s nothing to answer.");
  return match;
}
