import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "../db";
import type { NotificationView } from "@/lib/views/notifications";
import { listNotificationsAfter, NOTIFICATION_PAGE_SIZE } from "../live/inbox";
import { RETENTION_SETTINGS, type RetentionSetting } from "./retention-rules";

// The rows held about one user, as the database has them: the queries behind "What we store about
// you", the ledger page and the export. my-data.ts shapes and words them. Every query filters by the
// user's own id; other people are selected by name and @handle only (their id only to tell whether
// the user may still see who they are).

export const personSelect = { id: true, displayName: true, handle: true } satisfies Prisma.UserSelect;
export type PersonRow = Prisma.UserGetPayload<{ select: typeof personSelect }>;

export const toldSelect = {
  id: true,
  activity: true,
  startsAt: true,
  endsAt: true,
  said: true,
  note: true,
  usually: true,
  createdAt: true,
  match: { select: { askerId: true } },
} satisfies Prisma.DisclosureSelect;
export type ToldRow = Prisma.DisclosureGetPayload<{ select: typeof toldSelect }>;

const retentionSelect = Object.fromEntries(Object.keys(RETENTION_SETTINGS).map((setting) => [setting, true])) as Record<RetentionSetting, true>;

/** The user's own retention settings. */
export function readRetentionSettings(userId: string) {
  return db().user.findUniqueOrThrow({ where: { id: userId }, select: retentionSelect });
}

/** The ids of the people the user's history may name: current friends, and the people the user blocks. */
export async function readNamedPeople(userId: string): Promise<Set<string>> {
  const [friends, blocked] = await Promise.all([
    db().friendship.findMany({ where: { ownerId: userId }, select: { friendId: true } }),
    db().block.findMany({ where: { blockerId: userId }, select: { blockedId: true } }),
  ]);
  return new Set([...friends.map((row) => row.friendId), ...blocked.map((row) => row.blockedId)]);
}

/** The disclosure ledger: what friends were told about the user, newest first. */
export function readLedgerRows(userId: string) {
  return db().disclosure.findMany({
    where: { subjectId: userId },
    orderBy: { createdAt: "desc" },
    select: { ...toldSelect, recipient: { select: personSelect } },
  });
}

/** The ledger's probe notices, newest first. */
export function readProbeNoticeRows(userId: string) {
  return db().probeNotice.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, select: { id: true, activity: true, createdAt: true } });
}

/** The inbox as the notifications page words it, all of it (the page itself shows the newest only), by row id. */
async function readRenderedInbox(userId: string): Promise<Map<bigint, NotificationView>> {
  const views = new Map<bigint, NotificationView>();
  for (let cursor = 0n; ;) {
    const page = await listNotificationsAfter(userId, cursor);
    for (const { position, view } of page) views.set(position, view);
    if (page.length < NOTIFICATION_PAGE_SIZE) return views;
    cursor = page[page.length - 1]!.position;
  }
}

/** Awaits every promise of `promises` at once; resolves to their values under the same keys. */
async function allOf<T extends Record<string, Promise<unknown>>>(promises: T): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const values = await Promise.all(Object.values(promises));
  return Object.fromEntries(Object.keys(promises).map((key, index) => [key, values[index]])) as { [K in keyof T]: Awaited<T[K]> };
}

/** Every row that refers to `userId` and is the user's to see. */
export async function readUserRows(userId: string) {
  // The whole row, settings included, but for the password hash (also omitted globally, in db.ts).
  const account = await db().user.findUniqueOrThrow({ where: { id: userId }, omit: { passwordHash: true } });
  const named = await readNamedPeople(userId);
  const rows = await allOf({
    // The session id is the secret the cookie carries: never exported.
    sessions: db().session.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, select: { createdAt: true, expiresAt: true } }),
    // A device's push endpoint is the user's own; its keys stay out of the file (they decrypt pushes).
    devices: db().pushSubscription.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { id: true, label: true, endpoint: true, createdAt: true },
    }),
    // The user's own rows only: each friend's row holds *their* private close mark.
    friends: db().friendship.findMany({
      where: { ownerId: userId },
      orderBy: { createdAt: "desc" },
      select: { close: true, createdAt: true, friend: { select: personSelect } },
    }),
    sent: db().friendRequest.findMany({
      where: { senderId: userId },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true, recipient: { select: personSelect } },
    }),
    received: db().friendRequest.findMany({
      where: { recipientId: userId },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true, sender: { select: personSelect } },
    }),
    // Blocks the user made; that someone blocked the user is the blocker's private fact.
    blocks: db().block.findMany({
      where: { blockerId: userId },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true, blocked: { select: personSelect } },
    }),
    invitesMade: db().invite.findMany({
      where: { inviterId: userId },
      orderBy: { createdAt: "desc" },
      select: { id: true, createdAt: true, expiresAt: true, revokedAt: true, acceptedAt: true, acceptedBy: { select: personSelect } },
    }),
    invitesUsed: db().invite.findMany({
      where: { acceptedById: userId },
      orderBy: { acceptedAt: "desc" },
      select: { acceptedAt: true, expiresAt: true, inviter: { select: personSelect } },
    }),
    plans: db().plan.findMany({
      where: { userId },
      orderBy: { startsAt: "desc" },
      select: {
        id: true,
        activity: true,
        startsAt: true,
        endsAt: true,
        cell: true,
        travelKm: true,
        audience: true,
        note: true,
        shareNote: true,
        groupMin: true,
        groupMax: true,
        usually: true,
        createdAt: true,
        matchedAt: true,
      },
    }),
    standingPlans: db().standingPlan.findMany({
      where: { userId },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        activity: true,
        days: true,
        startMinute: true,
        endMinute: true,
        timeZone: true,
        cell: true,
        travelKm: true,
        audience: true,
        lastOn: true,
        lastEndsAt: true,
        pausedAt: true,
        createdAt: true,
      },
    }),
    areaUses: db().areaUse.findMany({
      where: { userId },
      orderBy: { firstUsedAt: "desc" },
      select: { areaKey: true, firstUsedAt: true, lastUsedAt: true, activities: true },
    }),
    // Only the other person's name: their plan, window and area stay theirs.
    matches: db().match.findMany({
      where: { OR: [{ userLowId: userId }, { userHighId: userId }] },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        activity: true,
        createdAt: true,
        userLowId: true,
        askerId: true,
        planLowId: true,
        planHighId: true,
        userLow: { select: personSelect },
        userHigh: { select: personSelect },
      },
    }),
    matchAnswers: db().matchMember.findMany({
      where: { userId },
      orderBy: { endsAt: "desc" },
      select: { matchId: true, answer: true, answeredAt: true, arrivingAt: true, outAt: true, endsAt: true, match: { select: { activity: true } } },
    }),
    matchMessages: db().matchMessage.findMany({
      where: { senderId: userId },
      orderBy: { createdAt: "desc" },
      select: { id: true, kind: true, body: true, endsAt: true, createdAt: true, match: { select: { activity: true } } },
    }),
    notifications: db().notification.findMany({ where: { userId }, orderBy: { id: "desc" }, select: { id: true, type: true, createdAt: true, readAt: true } }),
    inbox: readRenderedInbox(userId),
    ledger: readLedgerRows(userId),
    probeNotices: readProbeNoticeRows(userId),
    toldToMe: db().disclosure.findMany({
      where: { recipientId: userId },
      orderBy: { createdAt: "desc" },
      select: { ...toldSelect, subject: { select: personSelect } },
    }),
  });
  return { account, named, ...rows };
}

export type UserRows = Awaited<ReturnType<typeof readUserRows>>;
