import "server-only";
import type { NotificationType } from "@/generated/prisma/client";
import type { InboxState, NotificationView } from "@/lib/views/notifications";
import { activityTitle, answerWords, huddleWords, onTheWayWords, outWords, usuallyLine } from "@/lib/meetup-words";
import type { Answer } from "@/lib/views/matches";
import { openNotificationId, sealerFor } from "./notification-ids";
import { OTHER_SIDE, VISIBLE_TO } from "../matches/access";
import { sql, statement, type RowOf } from "../sql";

// Reading inboxes: the notifications page, a live stream's catch-up, a push's words and the export.
// Plain SQL (lib/server/sql.ts), one statement per read: a live stream reads at every wake-up, and a
// match wakes one at every post that makes it. Writing them is notifications.ts's.

export const NOTIFICATION_PAGE_SIZE = 50;

// Text is composed when read, from the actor's current name: a renamed or deleted friend is never
// frozen into someone else's inbox.
type About = { activity: string | null; detail: string | null; said: string | null; matchId: string | null; huddle: string[] | null; usually: string | null };

function describe(type: NotificationType, actorName: string | null, about: About): { text: string; href: string } {
  const name = actorName ?? "Someone";
  const activity = about.activity ?? (type === "match_off" ? about.detail : null) ?? "it";
  const matchPage = about.matchId ? `/matches/${about.matchId}` : "/plans";
  const aboutMatch = (words: string) => ({ text: `${activityTitle(activity)}: ${words}`, href: matchPage });
  switch (type) {
    case "match":
      // Who, what and "in your area" — never a distance, never a cell. Several friends: a huddle.
      if (isHuddle(about)) return { text: `${huddleWords(about.huddle, activity)} — in your area`, href: matchPage };
      // A week of the friend's standing plan: the habit it told (their own choice to have one).
      if (about.usually && aboutActorAlone({ huddle: about.huddle, actorName })) {
        return { text: usuallyLine(name, activity, about.usually), href: matchPage };
      }
      // One friend left in it: the one still in, who need not be the one who joined last.
      return { text: `${about.huddle?.[0] ?? name} is up for ${activity} too — in your area`, href: matchPage };
    case "ask":
      // The activity and the window (shown with it) only: nobody's area was compared.
      return { text: `${name} asks: up for ${activity}?`, href: matchPage };
    case "match_answer":
      return aboutMatch(answerWords(name, about.detail as Answer) ?? `${name} answered`);
    case "match_on_way":
      return aboutMatch(onTheWayWords(name, Number(about.detail)));
    case "match_spot":
      return aboutMatch(`${name} suggests meeting at “${about.said ?? ""}”`);
    case "match_message":
      return aboutMatch(`${name}: “${about.said ?? ""}”`);
    case "match_off":
      // No actor: their account is gone, and its name with it.
      return aboutMatch(actorName ? outWords(actorName) : "your match is off");
    case "friend_request":
      return { text: `${name} sent you a friend request`, href: "/friends#requests" };
    case "friend_accepted":
      return { text: `${name} accepted your friend request`, href: "/friends" };
    case "invite_accepted":
      return { text: `${name} accepted your invite — you’re now friends`, href: "/friends" };
  }
}

/** A match notification about a plan of the reader's that two or more friends are still in. */
function isHuddle(about: About): about is About & { huddle: string[] } {
  return (about.huddle?.length ?? 0) >= 2;
}

/** A match notification whose line names its actor only (not a huddle, not another friend still in). */
function aboutActorAlone(row: { huddle: string[] | null; actorName: string | null }): boolean {
  return row.huddle === null || (row.huddle.length === 1 && row.huddle[0] === row.actorName);
}

// For a match: the friends in the reader's huddle (their plan's matches), oldest first — only those
// still in and still the reader's friends, so it shrinks as they drop out, and names nobody else.
const HUDDLE_NAMES = `CASE WHEN n.type = 'match' THEN (
  SELECT array_agg(f.display_name ORDER BY hm.created_at, hm.id)
  FROM match_members me
  JOIN match_members mine ON mine.user_id = me.user_id AND mine.plan_id = me.plan_id AND mine.out_at IS NULL
  JOIN matches hm ON hm.id = mine.match_id AND hm.asker_id IS NULL
  JOIN match_members them ON them.match_id = hm.id AND them.user_id <> me.user_id AND them.out_at IS NULL
  JOIN users f ON f.id = them.user_id
  WHERE me.match_id = n.match_id AND me.user_id = n.user_id AND ${VISIBLE_TO("n.user_id", "f.id")}
    -- A match no longer open to the reader (a removed friend) keeps its own words.
    AND ${VISIBLE_TO("n.user_id", "n.actor_id")}) END`;

// What every read selects, and from where. An inbox shows notifications about someone, and "your
// match is off" after an account is gone (no one to name).
const COLUMNS = `n.id::text AS id, n.user_id AS "userId", n.type, n.created_at AS "createdAt", n.read_at AS "readAt", n.detail,
  n.match_id AS "matchId", a.display_name AS "actorName", coalesce(d.activity, m.activity) AS activity,
  d.starts_at AS "startsAt", d.ends_at AS "endsAt", d.said, d.usually, ${HUDDLE_NAMES} AS huddle`;
const FROM = `notifications n LEFT JOIN users a ON a.id = n.actor_id LEFT JOIN disclosures d ON d.id = n.disclosure_id
  LEFT JOIN matches m ON m.id = n.match_id`;
// A huddle is one line on the inbox page: a match notification gives way to a newer one about
// another match of the same plan of the reader's (which names everyone in it when read), as long as
// that match is still open to the reader — after a block, a removal or a deleted account, the line
// before it shows again. Three friends who post the same thing see one line each, however the
// matches came. Live streams and pushes still send each one as it comes (worded as the huddle).
const SUPERSEDED = `n.type = 'match' AND EXISTS (
  SELECT 1 FROM match_members om
  JOIN match_members nm ON nm.user_id = om.user_id AND nm.plan_id = om.plan_id AND nm.match_id <> om.match_id
  JOIN notifications newer ON newer.user_id = n.user_id AND newer.type = 'match' AND newer.match_id = nm.match_id AND newer.id > n.id
  JOIN matches nmm ON nmm.id = nm.match_id
  WHERE om.match_id = n.match_id AND om.user_id = n.user_id AND ${VISIBLE_TO("n.user_id", OTHER_SIDE("n.user_id", "nmm"))})`;
/** Every notification that can be worded: what live streams and pushes send, the badge counts and the export lists. */
const KEPT = `(n.actor_id IS NOT NULL OR n.type = 'match_off')`;
const SHOWN = `(${KEPT} AND NOT (${SUPERSEDED}))`;
const VIEW = {
  id: "text",
  userId: "uuid",
  type: "NotificationType",
  createdAt: "timestamptz",
  readAt: "timestamptz?",
  detail: "text?",
  matchId: "uuid?",
  actorName: "text?",
  activity: "text?",
  startsAt: "timestamptz?",
  endsAt: "timestamptz?",
  said: "text?",
  usually: "text?",
  huddle: "text[]?",
} as const;
type Row = RowOf<typeof VIEW> & { off?: boolean };

function toView(row: Row, seal: (id: bigint) => string): NotificationView {
  return {
    id: seal(BigInt(row.id)),
    ...describe(row.type, row.actorName, row),
    createdAt: row.createdAt,
    unread: row.readAt === null,
    // The window is the actor's: shown only when the line is about the actor alone (a huddle's friends
    // each have their own, which the match page shows).
    ...(((row.type === "match" && aboutActorAlone(row)) || row.type === "ask") && row.startsAt && row.endsAt
      ? { window: { startsAt: row.startsAt, endsAt: row.endsAt } }
      : {}),
    // A match is off once nobody is left in the reader's huddle.
    ...(row.off && !row.huddle?.length ? { off: true } : {}),
  };
}

// The inbox page also shows which are off now: a match, an answer or a message from someone whose
// plan has since gone off — once the reader was told (a removed friend is not: the match is closed to
// them, and so is this). Live events and pushes do not say it, and do without the extra read.
const INBOX = statement(
  `SELECT ${COLUMNS}, n.type <> 'match_off' AND EXISTS (
     SELECT 1 FROM notifications o WHERE o.match_id = n.match_id AND o.type = 'match_off' AND o.user_id = n.user_id
       AND o.actor_id IS NOT DISTINCT FROM n.actor_id) AS off
   FROM ${FROM} WHERE n.user_id = $1 AND ${SHOWN} ORDER BY n.id DESC LIMIT ${NOTIFICATION_PAGE_SIZE}`,
  ["uuid"],
  { ...VIEW, off: "bool" },
);

/** The viewer's newest notifications, newest first. */
export async function listNotifications(viewerId: string): Promise<NotificationView[]> {
  const seal = sealerFor(viewerId);
  return (await sql.rows(INBOX, [viewerId])).map((row) => toView(row, seal));
}

/** A notification and its place in its reader's inbox (the row id: server-side only). */
export type InboxEntry = { position: bigint; view: NotificationView };

// What is sent live and exported: every notification, also those a huddle's newer line stands for
// on the inbox page (a live stream that skipped them would lose them: whether a newer one exists
// depends on when it reads).
const AFTER = statement(
  `SELECT ${COLUMNS} FROM ${FROM} WHERE n.user_id = $1 AND ${KEPT} AND n.id > $2 ORDER BY n.id LIMIT ${NOTIFICATION_PAGE_SIZE}`,
  ["uuid", "int8"],
  VIEW,
);

function entries(rows: Row[], viewerId: string): InboxEntry[] {
  const seal = sealerFor(viewerId);
  return rows.map((row) => ({ position: BigInt(row.id), view: toView(row, seal) }));
}

/** The viewer's notifications after `position`, oldest first (a page of NOTIFICATION_PAGE_SIZE at most). */
export async function listNotificationsAfter(viewerId: string, position: bigint): Promise<InboxEntry[]> {
  return entries(await sql.rows(AFTER, [viewerId, position]), viewerId);
}

// Live streams' catch-ups (catch-ups.ts reads many in one statement): for each stream, the same
// page, read only while the stream's session is live (not ended or expired, the account enabled).
const PAGES_WHILE_SIGNED_IN = statement(
  `WITH asked AS (SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::text[]) WITH ORDINALITY AS a(user_id, after, session_id, k)),
   me AS (SELECT asked.*, EXISTS (SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.id = asked.session_id AND s.user_id = asked.user_id AND s.expires_at > $4 AND u.disabled_at IS NULL) AS "signedIn" FROM asked)
   SELECT me.k::int AS k, me."signedIn", page.* FROM me LEFT JOIN LATERAL (
     SELECT ${COLUMNS} FROM ${FROM}
     WHERE me."signedIn" AND n.user_id = me.user_id AND ${KEPT} AND n.id > me.after ORDER BY n.id LIMIT ${NOTIFICATION_PAGE_SIZE}
   ) page ON true ORDER BY me.k, page.id::bigint`,
  ["uuid[]", "int8[]", "text[]", "timestamptz"],
  { k: "int4", signedIn: "bool", ...VIEW, id: "text?", userId: "uuid?", type: "NotificationType?", createdAt: "timestamptz?" },
);

/** Whose stream asks, and from where: what it has not sent yet. */
export type PageRequest = { session: { sessionId: string; userId: string }; after: bigint };

/**
 * For each request, the notifications after its position (as listNotificationsAfter), or null once
 * its session is no longer live: then nothing is read for it. One statement for them all.
 */
export async function streamPagesAfter(requests: PageRequest[]): Promise<(InboxEntry[] | null)[]> {
  const rows = await sql.rows(PAGES_WHILE_SIGNED_IN, [
    requests.map((request) => request.session.userId),
    requests.map((request) => request.after),
    requests.map((request) => request.session.sessionId),
    new Date(),
  ]);
  const pages: (Row[] | null)[] = requests.map(() => null);
  for (const row of rows) {
    const at = row.k - 1;
    if (!row.signedIn) continue;
    const page = (pages[at] ??= []);
    if (row.id !== null) page.push(row as Row);
  }
  return pages.map((page, at) => page && entries(page, requests[at]!.session.userId));
}

const LATEST = statement(`SELECT coalesce(max(id), 0)::text AS latest FROM notifications WHERE user_id = $1`, ["uuid"], { latest: "text" });

/** The position of the viewer's newest notification (0 when there is none): where a fresh stream starts. */
export async function latestNotificationPosition(viewerId: string): Promise<bigint> {
  const [row] = await sql.rows(LATEST, [viewerId]);
  return BigInt(row?.latest ?? 0);
}

/**
 * What the signed-in layout shows on every page: the unread count, and the newest notification id
 * (sealed) as the page was rendered — where its live stream starts, so that one that cannot connect
 * at first still gets everything made after the page, once it does.
 */
export async function getInboxState(viewerId: string): Promise<InboxState> {
  const [result] = await sql.rows(INBOX_STATE, [viewerId]);
  return { unread: result?.unread ?? 0, latestId: sealerFor(viewerId)(BigInt(result?.latest ?? 0)) };
}

const INBOX_STATE = statement(
  `SELECT count(*) FILTER (WHERE n.read_at IS NULL AND ${KEPT})::int AS unread, coalesce(max(n.id), 0)::text AS latest
   FROM notifications n WHERE n.user_id = $1`,
  ["uuid"],
  { unread: "int4", latest: "text" },
);

const MARK_READ = statement(`UPDATE notifications SET read_at = $3 WHERE user_id = $1 AND read_at IS NULL AND id <= $2`, ["uuid", "int8", "timestamptz"]);

/** Marks read what the viewer was shown: notifications up to and including the one `upTo` names. */
export async function markReadUpTo(viewerId: string, upTo: string): Promise<void> {
  // An id sealed for someone else, or made up, names nothing: nothing to mark.
  const position = openNotificationId(viewerId, upTo);
  if (position === null) return;
  await sql.run(MARK_READ, [viewerId, position, new Date()]);
}

const BY_IDS = statement(`SELECT ${COLUMNS} FROM ${FROM} WHERE n.id = ANY($1::bigint[]) AND ${KEPT}`, ["int8[]"], VIEW);

/** These notifications as their readers see them (for pushes of them), by row id; one whose actor is gone is left out (unless it says a match is off). */
export async function getNotificationViews(notificationIds: bigint[]): Promise<Map<string, NotificationView>> {
  if (notificationIds.length === 0) return new Map();
  const rows = await sql.rows(BY_IDS, [notificationIds.map(String)]);
  return new Map(rows.map((row) => [row.id, toView(row, sealerFor(row.userId))]));
}
