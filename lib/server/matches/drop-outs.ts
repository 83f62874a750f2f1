import "server-only";
import { windowsOverlap } from "@/lib/matching";
import { notify } from "../live/notifications";
import { pairLockKey } from "../social/relationships";
import { lockAll, statement, type Tx } from "../sql";
import { OTHER_SIDE, VISIBLE_TO } from "./access";

// Drop-outs: when a plan stops being part of a match — cancelled, edited so it no longer overlaps,
// paused away, deleted with the location data or with the account — the other side is told at once
// ("Ana's out"), live and by push, and the match page shows it. Nothing says why. Only time decides
// an edit's drop-out, never a radius: "out" after a narrower radius would tell the friend how far
// apart the two areas are.

/** The other side `o` is still in the match and can still see it (no block, not removed). */
const FRIEND_STILL_IN = `o.out_at IS NULL AND ${VISIBLE_TO("o.user_id", "$1")}`;

/**
 * The user's own sides that a drop-out takes out (`side`: the alias of match_members): with a plan
 * of theirs in it (a friend who was asked has none: a pause or deleted location data says nothing
 * to the asker, who would otherwise learn of it from "out"), still in, the
 * window not over, and of these plans ($2) or these matches ($3) — both null: all. One predicate for
 * the locks taken first and the rows then written, so the two cannot drift apart.
 */
const SIDES_GOING = (side: string) =>
  `${side}.user_id = $1 AND ${side}.plan_id IS NOT NULL AND ${side}.out_at IS NULL AND ${side}.ends_at > $4
   AND ($2::uuid[] IS NULL OR ${side}.plan_id = ANY($2)) AND ($3::uuid[] IS NULL OR ${side}.match_id = ANY($3))`;

// Marks the user out of their open matches — those of these plans, or these matches, or (both
// null) all — and returns who to tell.
const DROP_OUT = statement(
  `WITH gone AS (
     UPDATE match_members me SET out_at = $4
     WHERE ${SIDES_GOING("me")}
     RETURNING me.match_id)
   SELECT o.user_id AS "userId", o.match_id AS "matchId"
   FROM gone JOIN match_members o ON o.match_id = gone.match_id AND o.user_id <> $1
   WHERE ${FRIEND_STILL_IN}`,
  ["uuid", "uuid[]?", "uuid[]?", "timestamptz"],
  { userId: "uuid", matchId: "uuid" },
);

// The other sides of the same open matches, before anything is written: whose pair locks to take.
const OTHER_SIDES = statement(
  `SELECT DISTINCT o.user_id AS "userId"
   FROM match_members me JOIN match_members o ON o.match_id = me.match_id AND o.user_id <> $1
   WHERE ${SIDES_GOING("me")}`,
  ["uuid", "uuid[]?", "uuid[]?", "timestamptz"],
  { userId: "uuid" },
);

type Which = { plans: string[] } | { matches: string[] } | "all";

/**
 * Takes `userId` out of their open matches (`which`) and tells each friend still in one, in `tx`.
 * Each pair's lock is taken first (in one order, so two drop-outs never wait on each other), so a
 * block or removal racing it is either seen — nobody told — or comes after.
 */
export async function dropOut(tx: Tx, userId: string, which: Which, now = new Date()): Promise<void> {
  const plans = which !== "all" && "plans" in which ? which.plans : null;
  const matches = which !== "all" && "matches" in which ? which.matches : null;
  if ((plans ?? matches)?.length === 0) return;
  const others = await tx.rows(OTHER_SIDES, [userId, plans, matches, now]);
  await lockAll(
    tx,
    others.map((other) => pairLockKey(userId, other.userId)),
  );
  const told = await tx.rows(DROP_OUT, [userId, plans, matches, now]);
  await notify(
    tx,
    told.map((row) => ({ userId: row.userId, type: "match_off" as const, actorId: userId, matchId: row.matchId })),
  );
}

const PARTNER_PLANS = statement(
  `SELECT me.match_id AS "matchId", p.starts_at AS "startsAt", p.ends_at AS "endsAt"
   FROM match_members me
   JOIN match_members them ON them.match_id = me.match_id AND them.user_id <> me.user_id
   JOIN plans p ON p.id = them.plan_id
   WHERE me.user_id = $1 AND me.plan_id = $2 AND me.out_at IS NULL AND me.ends_at > $3`,
  ["uuid", "uuid", "timestamptz"],
  { matchId: "uuid", startsAt: "timestamptz", endsAt: "timestamptz" },
);

/** After an edit of a plan's window: out of each match whose friend's plan it no longer overlaps (by the matcher's rule). */
export async function dropOutIfNoLongerOverlapping(tx: Tx, userId: string, planId: string, window: { startsAt: Date; endsAt: Date }, now = new Date()) {
  const partners = await tx.rows(PARTNER_PLANS, [userId, planId, now]);
  const apart = partners.filter((partner) => !windowsOverlap(window, partner, now)).map((partner) => partner.matchId);
  await dropOut(tx, userId, { matches: apart }, now);
}

const FRIENDS_IN_OPEN_MATCHES = statement(
  `SELECT o.user_id AS "userId", m.activity
   FROM match_members me
   JOIN matches m ON m.id = me.match_id
   JOIN match_members o ON o.match_id = me.match_id AND o.user_id <> $1
   WHERE me.user_id = $1 AND me.out_at IS NULL AND me.ends_at > $2 AND ${FRIEND_STILL_IN}`,
  ["uuid", "timestamptz"],
  { userId: "uuid", activity: "text" },
);

// Everyone the account shares a match with whose time is not over: whose answers may be writing to
// those matches right now.
const OPEN_MATCH_PARTNERS = statement(
  `SELECT DISTINCT ${OTHER_SIDE("$1")} AS "userId" FROM matches m WHERE $1 IN (m.user_low_id, m.user_high_id) AND m.ends_at > $2`,
  ["uuid", "timestamptz"],
  { userId: "uuid" },
);

/**
 * Before an account is deleted: each friend in one of its open matches is told the match is off.
 * The account's name goes with it, so the notice names nobody (the activity only), and it outlives
 * the match it was about. Each pair's lock comes first, as for any drop-out: a friend's answer holds
 * it while it writes to their side of the match, which the deletion then removes, and waits for the
 * inboxes the deletion takes — in the other order, the two would wait on each other.
 */
export async function tellMatchesAccountGone(tx: Tx, userId: string, now = new Date()): Promise<void> {
  const partners = await tx.rows(OPEN_MATCH_PARTNERS, [userId, now]);
  await lockAll(
    tx,
    partners.map((partner) => pairLockKey(userId, partner.userId)),
  );
  const told = await tx.rows(FRIENDS_IN_OPEN_MATCHES, [userId, now]);
  await notify(
    tx,
    told.map((row) => ({ userId: row.userId, type: "match_off" as const, actorId: null, detail: row.activity })),
  );
}
