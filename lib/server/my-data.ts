import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { acceptedResolution, precisionOf } from "@/lib/geo";
import { LEDGER_RETENTION_DAYS } from "@/lib/validation/settings";
import { AREA_WINDOW_MS, AREAS_PER_DAY } from "./area-budget";
import { db } from "./db";
import { PAIR_COOLDOWN_MS } from "./matcher";
import { sealNotificationId } from "./notification-ids";
import { listNotificationsAfter, NOTIFICATION_PAGE_SIZE, type NotificationView } from "./notifications";

// Everything held about one user: the "What we store about you" page, the ledger page and the JSON
// export (GDPR Art. 15 and 20). Every query filters by the user's own id. Other people appear only by
// their current name and @handle — never their id, email, settings, plans, areas, close marks, or
// whether they blocked the user. When a table starts holding user data (push subscriptions, say),
// tests/integration/export.test.ts fails until it has a section here.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? iso(date) : null);
const after = (date: Date, ms: number) => iso(new Date(date.getTime() + ms));
const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;

/** One kind of data: how many items, when they are deleted (in words), and each item with its `deletesAt`
 *  (ISO time; null when an event rather than a time deletes it — the rule then says which). */
export type Section<T extends { deletesAt: string | null }> = { count: number; retention: string; items: T[] };
const section = <T extends { deletesAt: string | null }>(retention: string, items: T[]): Section<T> => ({ count: items.length, retention, items });

const personSelect = { id: true, displayName: true, handle: true } satisfies Prisma.UserSelect;
export type Person = { displayName: string; handle: string };

/** How another person appears: their current name and @handle. */
const named = (person: Prisma.UserGetPayload<{ select: typeof personSelect }>): Person => ({ displayName: person.displayName, handle: person.handle });
const FORMER_CONTACT: Person = { displayName: "A former contact", handle: "" };

/**
 * How people appear in history (matches, the ledger, invites): by name only while they are still a
 * friend, or while the user blocks them (the user's list of blocks names them anyway, as it must to
 * let them unblock). Anyone else is "a former contact", whoever ended it: a block stays
 * indistinguishable from a removal, and the blocker from someone gone.
 */
async function historyPresenter(userId: string) {
  const [friends, blocked] = await Promise.all([
    db().friendship.findMany({ where: { ownerId: userId }, select: { friendId: true } }),
    db().block.findMany({ where: { blockerId: userId }, select: { blockedId: true } }),
  ]);
  const shown = new Set([...friends.map((row) => row.friendId), ...blocked.map((row) => row.blockedId)]);
  return (person: Prisma.UserGetPayload<{ select: typeof personSelect }>): Person => (shown.has(person.id) ? named(person) : FORMER_CONTACT);
}

const toldSelect = { id: true, activity: true, startsAt: true, endsAt: true, createdAt: true } satisfies Prisma.DisclosureSelect;
type Told = Prisma.DisclosureGetPayload<{ select: typeof toldSelect }>;
const told = (row: Told) => ({ id: row.id, activity: row.activity, startsAt: iso(row.startsAt), endsAt: iso(row.endsAt), createdAt: iso(row.createdAt) });

const UNTIL_ACCOUNT_DELETED = "Kept until you delete your account.";
const ledgerRetention = (days: number) => `Each entry is deleted ${days} days after the friend was told (your setting).`;

/** The disclosure ledger: what each friend was told about the user, and when — newest first. */
export async function getLedger(userId: string) {
  const [{ ledgerRetentionDays: days }, rows, inHistory] = await Promise.all([
    db().user.findUniqueOrThrow({ where: { id: userId }, select: { ledgerRetentionDays: true } }),
    db().disclosure.findMany({
      where: { subjectId: userId },
      orderBy: { createdAt: "desc" },
      select: { ...toldSelect, recipient: { select: personSelect } },
    }),
    historyPresenter(userId),
  ]);
  const items = rows.map((row) => ({ toldTo: inHistory(row.recipient), ...told(row), deletesAt: after(row.createdAt, days * DAY) }));
  return { retentionDays: days, ...section(ledgerRetention(days), items) };
}

/**
 * The ledger's other kind of entry: a friend's plans were checked against one of yours from every
 * area a day allows. Who it was is not kept (docs/privacy-model.md says why).
 */
export async function getProbeNotices(userId: string) {
  const [{ ledgerRetentionDays: days }, rows] = await Promise.all([
    db().user.findUniqueOrThrow({ where: { id: userId }, select: { ledgerRetentionDays: true } }),
    db().probeNotice.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, select: { id: true, activity: true, createdAt: true } }),
  ]);
  const items = rows.map((row) => ({ id: row.id, activity: row.activity, areas: AREAS_PER_DAY, createdAt: iso(row.createdAt), deletesAt: after(row.createdAt, days * DAY) }));
  return section(`Each notice is deleted ${days} days after it was written, like the rest of your ledger (your setting).`, items);
}

/** The inbox as the notifications page words it, all of it (the page itself shows the newest only), by row id. */
async function renderedInbox(userId: string): Promise<Map<bigint, NotificationView>> {
  const views = new Map<bigint, NotificationView>();
  for (let cursor = 0n; ; ) {
    const page = await listNotificationsAfter(userId, cursor);
    for (const { position, view } of page) views.set(position, view);
    if (page.length < NOTIFICATION_PAGE_SIZE) return views;
    cursor = page[page.length - 1]!.position;
  }
}

function inviteStatus(invite: { revokedAt: Date | null; acceptedAt: Date | null; expiresAt: Date }, now: Date) {
  if (invite.acceptedAt) return "used" as const;
  if (invite.revokedAt) return "withdrawn" as const;
  return invite.expiresAt > now ? ("open" as const) : ("expired" as const);
}

/** Everything stored about `userId`, as plain JSON-ready data (ISO times, string ids). */
export async function collectUserData(userId: string, now = new Date()) {
  // The whole row, settings included, but for the password hash (also omitted globally, in db.ts).
  const account = await db().user.findUniqueOrThrow({ where: { id: userId }, omit: { passwordHash: true } });
  const inHistory = await historyPresenter(userId);
  const [sessions, devices, friends, sent, received, blocks, invitesMade, invitesUsed, intents, areaUses, matches, notifications, inbox, ledger, probeNotices, toldToMe] =
    await Promise.all([
      // The session id is the secret the cookie carries: never exported.
      db().session.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, select: { createdAt: true, expiresAt: true } }),
      // A device's push endpoint is the user's own; its keys stay out of the file (they decrypt pushes).
      db().pushSubscription.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { id: true, label: true, endpoint: true, createdAt: true } }),
      // The user's own rows only: each friend's row holds *their* private close mark.
      db().friendship.findMany({ where: { ownerId: userId }, orderBy: { createdAt: "desc" }, select: { close: true, createdAt: true, friend: { select: personSelect } } }),
      db().friendRequest.findMany({ where: { senderId: userId }, orderBy: { createdAt: "desc" }, select: { createdAt: true, recipient: { select: personSelect } } }),
      db().friendRequest.findMany({ where: { recipientId: userId }, orderBy: { createdAt: "desc" }, select: { createdAt: true, sender: { select: personSelect } } }),
      // Blocks the user made; that someone blocked the user is the blocker's private fact.
      db().block.findMany({ where: { blockerId: userId }, orderBy: { createdAt: "desc" }, select: { createdAt: true, blocked: { select: personSelect } } }),
      db().invite.findMany({
        where: { inviterId: userId },
        orderBy: { createdAt: "desc" },
        select: { id: true, createdAt: true, expiresAt: true, revokedAt: true, acceptedAt: true, acceptedBy: { select: personSelect } },
      }),
      db().invite.findMany({
        where: { acceptedById: userId },
        orderBy: { acceptedAt: "desc" },
        select: { acceptedAt: true, expiresAt: true, inviter: { select: personSelect } },
      }),
      db().intent.findMany({
        where: { userId },
        orderBy: { startsAt: "desc" },
        select: { id: true, activity: true, startsAt: true, endsAt: true, cell: true, travelKm: true, audience: true, note: true, createdAt: true, matchedAt: true },
      }),
      db().areaUse.findMany({ where: { userId }, orderBy: { firstUsedAt: "desc" }, select: { areaKey: true, firstUsedAt: true, lastUsedAt: true, activities: true } }),
      // Only the other person's name: their plan, window and area stay theirs.
      db().match.findMany({
        where: { OR: [{ userLowId: userId }, { userHighId: userId }] },
        orderBy: { createdAt: "desc" },
        select: { id: true, activity: true, createdAt: true, userLowId: true, intentLowId: true, intentHighId: true, userLow: { select: personSelect }, userHigh: { select: personSelect } },
      }),
      db().notification.findMany({ where: { userId }, orderBy: { id: "desc" }, select: { id: true, type: true, createdAt: true, readAt: true } }),
      renderedInbox(userId),
      getLedger(userId),
      getProbeNotices(userId),
      db().disclosure.findMany({ where: { recipientId: userId }, orderBy: { createdAt: "desc" }, select: { ...toldSelect, subject: { select: personSelect } } }),
    ]);

  const planHours = account.intentRetentionHours;
  const planDeletesAt = new Map(intents.map((intent) => [intent.id, after(intent.endsAt, planHours * HOUR)]));
  const inboxDays = account.notificationRetentionDays;
  const longestLedgerDays = Math.max(...LEDGER_RETENTION_DAYS.map((choice) => choice.value));
  const cooldownHours = PAIR_COOLDOWN_MS / HOUR;

  return {
    account: section(UNTIL_ACCOUNT_DELETED, [
      { ...account, createdAt: iso(account.createdAt), disabledAt: isoOrNull(account.disabledAt), pausedUntil: isoOrNull(account.pausedUntil), deletesAt: null },
    ]),
    sessions: section(
      "Each sign-in is deleted when it expires, or at once when you sign out.",
      sessions.map((s) => ({ createdAt: iso(s.createdAt), expiresAt: iso(s.expiresAt), deletesAt: iso(s.expiresAt) })),
    ),
    pushDevices: section(
      "Each device is deleted when you turn its notifications off, its push service says it is gone, or you delete your account.",
      devices.map((d) => ({ id: d.id, label: d.label, endpoint: d.endpoint, createdAt: iso(d.createdAt), deletesAt: null })),
    ),
    friends: section(
      "Kept until either of you removes or blocks the other, or you delete your account. Only your own close marks are here.",
      friends.map((f) => ({ friend: named(f.friend), close: f.close, since: iso(f.createdAt), deletesAt: null })),
    ),
    friendRequestsSent: section(
      "Deleted when the request is accepted, declined or withdrawn.",
      sent.map((r) => ({ to: named(r.recipient), createdAt: iso(r.createdAt), deletesAt: null })),
    ),
    friendRequestsReceived: section(
      "Deleted when you accept or decline the request, or it is withdrawn.",
      received.map((r) => ({ from: named(r.sender), createdAt: iso(r.createdAt), deletesAt: null })),
    ),
    blocks: section(
      "Kept until you unblock them or delete your account.",
      blocks.map((b) => ({ blocked: named(b.blocked), createdAt: iso(b.createdAt), deletesAt: null })),
    ),
    invitesCreated: section(
      "Each link is deleted when it expires, used or not (the secret link itself was never stored).",
      invitesMade.map((i) => ({
        id: i.id,
        status: inviteStatus(i, now),
        createdAt: iso(i.createdAt),
        expiresAt: iso(i.expiresAt),
        revokedAt: isoOrNull(i.revokedAt),
        acceptedAt: isoOrNull(i.acceptedAt),
        acceptedBy: i.acceptedBy && inHistory(i.acceptedBy),
        deletesAt: iso(i.expiresAt),
      })),
    ),
    invitesAccepted: section(
      "Deleted when the link would have expired.",
      invitesUsed.map((i) => ({ from: inHistory(i.inviter), acceptedAt: isoOrNull(i.acceptedAt), deletesAt: iso(i.expiresAt) })),
    ),
    intents: section(
      planHours === 0
        ? "Each plan, with its area, is deleted as soon as it ends (your setting), or when you cancel it."
        : `Each plan, with its area, is deleted ${plural(planHours, "hour")} after it ends (your setting), or when you cancel it.`,
      intents.map(({ cell, createdAt, startsAt, endsAt, matchedAt, ...intent }) => {
        const resolution = acceptedResolution(cell);
        return {
          ...intent,
          startsAt: iso(startsAt),
          endsAt: iso(endsAt),
          active: endsAt > now,
          cell,
          area: resolution ? { precision: precisionOf(resolution).name, size: precisionOf(resolution).area } : null,
          createdAt: iso(createdAt),
          matchedAt: isoOrNull(matchedAt),
          deletesAt: planDeletesAt.get(intent.id)!,
        };
      }),
    ),
    areaUses: section(
      `The areas and distances your plans were set from, each as a keyed hash (never the area itself): at most ${AREAS_PER_DAY} count in any ${AREA_WINDOW_MS / HOUR} hours. ` +
        `Each is deleted ${AREA_WINDOW_MS / HOUR} hours after the last plan set with it ended. Cancelling a plan or deleting your location data does not delete it — otherwise the limit could be reset.`,
      areaUses.map((use) => {
        const countsUntil = after(use.lastUsedAt, AREA_WINDOW_MS);
        return { areaKey: use.areaKey, activities: use.activities, firstUsedAt: iso(use.firstUsedAt), lastUsedAt: iso(use.lastUsedAt), countsUntil, deletesAt: countsUntil };
      }),
    ),
    matches: section(
      `Deleted with the plans: once either plan behind it is gone and ${plural(cooldownHours, "hour")} have passed since it was made. The time shown is the latest; it goes sooner if your friend’s plan goes first.`,
      matches.map((m) => {
        const mine = m.userLowId === userId ? m.intentLowId : m.intentHighId;
        const cooldownOver = after(m.createdAt, PAIR_COOLDOWN_MS);
        // Your plan's deletion bounds it; whether the friend's plan is still there is theirs to know.
        const myPlanGone = (mine && planDeletesAt.get(mine)) || cooldownOver;
        const deletesAt = myPlanGone > cooldownOver ? myPlanGone : cooldownOver;
        return { id: m.id, activity: m.activity, with: inHistory(m.userLowId === userId ? m.userHigh : m.userLow), createdAt: iso(m.createdAt), deletesAt };
      }),
    ),
    notifications: section(
      `Each notification is deleted ${plural(inboxDays, "day")} after it arrived (your setting).`,
      notifications.map((n) => {
        const view = inbox.get(n.id);
        return {
          // As the user's pages and streams show it: the row id counts everyone's notifications.
          id: sealNotificationId(userId, n.id),
          type: n.type,
          text: view?.text ?? "A notification about an account that no longer exists",
          ...(view?.window ? { window: { startsAt: iso(view.window.startsAt), endsAt: iso(view.window.endsAt) } } : {}),
          createdAt: iso(n.createdAt),
          readAt: isoOrNull(n.readAt),
          deletesAt: after(n.createdAt, inboxDays * DAY),
        };
      }),
    ),
    ledger: section(ledger.retention, ledger.items),
    probeNotices,
    toldToMe: section(
      `What friends’ matches told you (your match notifications say the same). Each is kept as long as that friend keeps their own ledger — their choice, ${longestLedgerDays} days at the longest; the time shown is the latest.`,
      toldToMe.map((row) => ({ about: inHistory(row.subject), ...told(row), deletesAt: after(row.createdAt, longestLedgerDays * DAY) })),
    ),
    rateLimits: {
      count: 0,
      note: "Rate-limit counters (sign-in attempts, requests, posts) are stored under keyed hashes (HMAC) of an account, pair or network address. The table holds no id, email or address in clear, so none can be listed as yours. Each counter is deleted when its window ends.",
    },
  };
}

export type UserData = Awaited<ReturnType<typeof collectUserData>>;
