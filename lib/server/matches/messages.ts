import "server-only";
import type { MatchMessage } from "@/lib/views/matches";
import { ExpectedError, NotFoundError } from "../errors";
import { notify } from "../live/notifications";
import { enforce, MATCH_MESSAGES_PER_USER } from "../rate-limit";
import { sql, statement, transaction } from "../sql";
import { lockOpenMatch, VISIBLE_TO } from "./access";

// A meeting spot and a few words: the only way anything more precise than "in your area" is ever
// shared, and only by the person's own typing. Each is written to the sender's disclosure ledger —
// what the friend was shown, word for word — and reaches the friend live and by push.

// The message, and the ledger row saying what the friend was told (the notification points at it, so
// it goes when the sender's ledger keeps it no longer). Written only while the two can still see the
// match: checked again here, under the pair's lock.
const SEND = statement(
  `WITH match AS (
     SELECT m.id, m.activity, m.starts_at, m.ends_at FROM matches m WHERE m.id = $1 AND ${VISIBLE_TO("$2", "$3")}),
   sent AS (
     INSERT INTO match_messages (id, match_id, sender_id, kind, body, ends_at, created_at)
     SELECT gen_random_uuid(), match.id, $2, $4, $5, match.ends_at, $6 FROM match RETURNING id)
   INSERT INTO disclosures (id, subject_id, recipient_id, match_id, activity, starts_at, ends_at, said, created_at)
   SELECT gen_random_uuid(), $2, $3, match.id, match.activity, match.starts_at, match.ends_at, $5, $6 FROM match, sent
   RETURNING id`,
  ["uuid", "uuid", "uuid", "MatchMessageKind", "text", "timestamptz"],
  { id: "uuid" },
);

/** Spots and messages one person may send on one match (the rate limit spreads them out; this bounds the thread). */
export const MESSAGES_PER_MATCH = 50;

const SENT = statement("SELECT count(*)::int AS n FROM match_messages WHERE match_id = $1 AND sender_id = $2", ["uuid", "uuid"], { n: "int4" });

/** Sends a spot or a message on a match the sender is in; the friend is told at once. */
export async function sendMessage(userId: string, matchId: string, kind: MatchMessage["kind"], body: string, now = new Date()): Promise<void> {
  await enforce(MATCH_MESSAGES_PER_USER, userId);
  await transaction(async (tx) => {
    const match = await lockOpenMatch(tx, userId, matchId, now);
    if (match.friendOutAt) throw new ExpectedError(`${match.friendName}’s out, so this meet-up is off.`);
    const [sent] = await tx.rows(SENT, [matchId, userId]);
    if ((sent?.n ?? 0) >= MESSAGES_PER_MATCH) throw new ExpectedError(`That’s the most one meet-up takes: ${MESSAGES_PER_MATCH} spots and messages each.`);
    const [told] = await tx.rows(SEND, [matchId, userId, match.friendId, kind, body, now]);
    if (!told) throw new NotFoundError();
    await notify(tx, [{ userId: match.friendId, type: kind === "spot" ? "match_spot" : "match_message", actorId: userId, matchId, disclosureId: told.id }]);
  });
}

const MESSAGES = statement(
  `SELECT id, kind, body, sender_id = $2 AS mine, created_at AS "sentAt" FROM match_messages WHERE match_id = $1 ORDER BY created_at, id`,
  ["uuid", "uuid"],
  { id: "uuid", kind: "MatchMessageKind", body: "text", mine: "bool", sentAt: "timestamptz" },
);

/** A match's spots and messages, oldest first, as `viewerId` sees them (call only once they may see the match). */
export async function listMessages(matchId: string, viewerId: string): Promise<MatchMessage[]> {
  return sql.rows(MESSAGES, [matchId, viewerId]);
}
