import "server-only";
import type { MatchMessage } from "@/lib/views/matches";
import { ExpectedError, NotFoundError } from "../errors";
import { notify } from "../live/notifications";
import { enforce, MATCH_MESSAGES_PER_USER } from "../rate-limit";
import { sql, statement, transaction } from "../sql";
import { lockOpenHuddle, OTHER_SIDE, VISIBLE_TO } from "./access";

// A meeting spot and a few words: the only way anything more precise than "in your area" is ever
// shared, and only by the person's own typing. Each is written to the sender's disclosure ledger —
// what the friend was shown, word for word — and reaches the friend live and by push.

// The message on each of these matches, and the ledger row saying what each friend was told (the
// notification points at it, so it goes when the sender's ledger keeps it no longer). Written only
// where the two can still see the match: checked again here, under the pairs' locks.
const SEND = statement(
  `WITH target AS (
     SELECT m.id, t.friend, m.activity, m.starts_at, m.ends_at
     FROM unnest($1::uuid[], $3::uuid[]) AS t(match_id, friend) JOIN matches m ON m.id = t.match_id
     WHERE $2 IN (m.user_low_id, m.user_high_id) AND t.friend = ${OTHER_SIDE("$2")} AND ${VISIBLE_TO("$2", "t.friend")}),
   sent AS (
     INSERT INTO match_messages (id, match_id, sender_id, kind, body, ends_at, created_at)
     SELECT gen_random_uuid(), target.id, $2, $4, $5, target.ends_at, $6 FROM target RETURNING match_id)
   INSERT INTO disclosures (id, subject_id, recipient_id, match_id, activity, starts_at, ends_at, said, created_at)
   SELECT gen_random_uuid(), $2, target.friend, target.id, target.activity, target.starts_at, target.ends_at, $5, $6
   FROM target JOIN sent ON sent.match_id = target.id
   RETURNING id, recipient_id AS "recipientId", match_id AS "matchId"`,
  ["uuid[]", "uuid", "uuid[]", "MatchMessageKind", "text", "timestamptz"],
  { id: "uuid", recipientId: "uuid", matchId: "uuid?" },
);

/** Spots and messages one person may send on one meet-up (the rate limit spreads them out; this bounds the thread). */
export const MESSAGES_PER_MATCH = 50;

const SENT = statement(
  `SELECT coalesce(max(n), 0)::int AS n FROM (
     SELECT count(*) AS n FROM match_messages WHERE match_id = ANY($1::uuid[]) AND sender_id = $2 GROUP BY match_id) AS each`,
  ["uuid[]", "uuid"],
  { n: "int4" },
);

/** Sends a spot or a message to everyone still in the sender's huddle; each is told at once. */
export async function sendMessage(userId: string, matchId: string, kind: MatchMessage["kind"], body: string, now = new Date()): Promise<void> {
  await enforce(MATCH_MESSAGES_PER_USER, userId);
  await transaction(async (tx) => {
    const { open } = await lockOpenHuddle(tx, userId, matchId, now);
    // Everyone still in, and every friend the sender asked (one who paused then is stored out and
    // told nothing, but the sender must not find that out from a refusal).
    const to = open.filter((row) => !row.friendOutAt || row.askerId === userId);
    if (to.length === 0) {
      throw new ExpectedError(open.length === 1 ? `${open[0]!.friendName}’s out, so this meet-up is off.` : "Everyone else is out, so this meet-up is off.");
    }
    const ids = to.map((row) => row.id);
    const [sent] = await tx.rows(SENT, [ids, userId]);
    if ((sent?.n ?? 0) >= MESSAGES_PER_MATCH) throw new ExpectedError(`That’s the most one meet-up takes: ${MESSAGES_PER_MATCH} spots and messages each.`);
    const told = await tx.rows(SEND, [ids, userId, to.map((row) => row.friendId), kind, body, now]);
    if (told.length === 0) throw new NotFoundError();
    const type = kind === "spot" ? "match_spot" : "match_message";
    const out = new Set(to.filter((row) => row.friendOutAt).map((row) => row.id));
    await notify(
      tx,
      told
        .filter((row) => row.matchId && !out.has(row.matchId))
        .map((row) => ({ userId: row.recipientId, type, actorId: userId, matchId: row.matchId, disclosureId: row.id })),
    );
  });
}

// What a huddle's viewer sees of its messages: each one once (what they sent went to every match in
// it at the same instant), with its sender's name.
const MESSAGES = statement(
  `SELECT DISTINCT ON (mm.created_at, mm.sender_id, mm.kind, mm.body)
          mm.id, mm.kind, mm.body, mm.sender_id = $2 AS mine, CASE WHEN mm.sender_id = $2 THEN 'You' ELSE u.display_name END AS "from",
          mm.created_at AS "sentAt"
   FROM match_messages mm JOIN users u ON u.id = mm.sender_id
   WHERE mm.match_id = ANY($1::uuid[])
   ORDER BY mm.created_at, mm.sender_id, mm.kind, mm.body, mm.id`,
  ["uuid[]", "uuid"],
  { id: "uuid", kind: "MatchMessageKind", body: "text", mine: "bool", from: "text", sentAt: "timestamptz" },
);

/** These matches' spots and messages, oldest first, as `viewerId` sees them (call only once they may see every one). */
export async function listMessages(matchIds: string[], viewerId: string): Promise<MatchMessage[]> {
  return sql.rows(MESSAGES, [matchIds, viewerId]);
}
