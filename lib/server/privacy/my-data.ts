import "server-only";
import { acceptedResolution, precisionOf } from "@/lib/geo";
import type { LedgerItem, NamedPerson, ProbeNoticeItem, Section } from "@/lib/views/data";
import { AREA_WINDOW_MS, AREAS_PER_DAY } from "../plans/area-budget";
import { sealNotificationId } from "../live/notification-ids";
import { retentionOf, type RetentionSettings, type SectionName } from "./retention-rules";
import {
  readLedgerRows,
  readNamedPeople,
  readProbeNoticeRows,
  readRetentionSettings,
  readUserRows,
  type PersonRow,
  type ToldRow,
  type UserRows,
} from "./user-rows";

// Everything held about one user: the "What we store about you" page, the ledger page and the JSON
// export (GDPR Art. 15 and 20). The rows come from privacy/user-rows.ts; here they are shaped, each
// item dated and each section's rule worded from the one table of retention rules
// (privacy/retention-rules.ts) that the sweeper deletes by. Other people appear only by their current
// name and @handle — never their id, email, settings, plans, areas, close marks, or whether they
// blocked the user. When a table starts holding user data (push subscriptions, say),
// tests/integration/export.test.ts fails until it has a section here.

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? iso(date) : null);

/**
 * The section `name` of the rows: each row's fields as `item` gives them, then when it is deleted, and
 * the rule in words — both by the section's retention rule for a person with `settings`. `ownGoes`:
 * for a rule that waits for a row it points at, when the user's own such row goes.
 */
function section<R extends object, T extends object>(
  name: SectionName,
  settings: RetentionSettings,
  rows: R[],
  item: (row: R) => T,
  ownGoes?: (row: R) => string | null | undefined,
): Section<T & { deletesAt: string | null }> {
  const { says, deletesAt } = retentionOf(name, settings);
  return { count: rows.length, retention: says, items: rows.map((row) => ({ ...item(row), deletesAt: deletesAt(row, ownGoes?.(row)) })) };
}

/** How another person appears: their current name and @handle. */
const named = (person: PersonRow): NamedPerson => ({ displayName: person.displayName, handle: person.handle });
const FORMER_CONTACT: NamedPerson = { displayName: "A former contact", handle: "" };

/**
 * How people appear in history (matches, the ledger, invites): by name only while they are still a
 * friend, or while the user blocks them (`shown`: the user's list of blocks names them anyway, as it
 * must to let them unblock). Anyone else is "a former contact", whoever ended it: a block stays
 * indistinguishable from a removal, and the blocker from someone gone.
 */
const historyPresenter =
  (shown: Set<string>) =>
  (person: PersonRow): NamedPerson =>
    shown.has(person.id) ? named(person) : FORMER_CONTACT;
type Presenter = ReturnType<typeof historyPresenter>;

const told = (row: ToldRow) => ({
  id: row.id,
  activity: row.activity,
  startsAt: iso(row.startsAt),
  endsAt: iso(row.endsAt),
  said: row.said,
  note: row.note,
  usually: row.usually,
  // An ask told the activity and the window only: no area was compared.
  asked: row.match?.askerId != null,
  createdAt: iso(row.createdAt),
});

type LedgerRow = Awaited<ReturnType<typeof readLedgerRows>>[number];
const ledgerSection = (rows: LedgerRow[], settings: RetentionSettings, inHistory: Presenter) =>
  section("ledger", settings, rows, (row) => ({ toldTo: inHistory(row.recipient), ...told(row) }));

type ProbeNoticeRow = Awaited<ReturnType<typeof readProbeNoticeRows>>[number];
const probeNoticeSection = (rows: ProbeNoticeRow[], settings: RetentionSettings) =>
  section("probeNotices", settings, rows, (row) => ({ id: row.id, activity: row.activity, areas: AREAS_PER_DAY, createdAt: iso(row.createdAt) }));

/** The disclosure ledger: what each friend was told about the user, and when — newest first. */
export async function getLedger(userId: string): Promise<Section<LedgerItem> & { retentionDays: number }> {
  const [settings, rows, shown] = await Promise.all([readRetentionSettings(userId), readLedgerRows(userId), readNamedPeople(userId)]);
  return { retentionDays: settings.ledgerRetentionDays, ...ledgerSection(rows, settings, historyPresenter(shown)) };
}

/**
 * The ledger's other kind of entry: a friend's plans were checked against one of yours from every
 * area a day allows. Who it was is not kept (docs/privacy-model.md says why).
 */
export async function getProbeNotices(userId: string): Promise<Section<ProbeNoticeItem>> {
  const [settings, rows] = await Promise.all([readRetentionSettings(userId), readProbeNoticeRows(userId)]);
  return probeNoticeSection(rows, settings);
}

function inviteStatus(invite: { revokedAt: Date | null; acceptedAt: Date | null; expiresAt: Date }, now: Date) {
  if (invite.acceptedAt) return "used" as const;
  if (invite.revokedAt) return "withdrawn" as const;
  return invite.expiresAt > now ? ("open" as const) : ("expired" as const);
}

/** Plans, the areas they used and their matches: each match goes with the plans behind it. */
function planSections(
  { account: settings, plans: stored, standingPlans, areaUses, matches, matchAnswers, matchMessages }: UserRows,
  userId: string,
  now: Date,
  inHistory: Presenter,
) {
  const plans = section("plans", settings, stored, ({ cell, createdAt, startsAt, endsAt, matchedAt, ...plan }) => {
    const resolution = acceptedResolution(cell);
    return {
      ...plan,
      startsAt: iso(startsAt),
      endsAt: iso(endsAt),
      active: endsAt > now,
      cell,
      area: resolution ? { precision: precisionOf(resolution).name, size: precisionOf(resolution).area } : null,
      createdAt: iso(createdAt),
      matchedAt: isoOrNull(matchedAt),
    };
  });
  const planGoes = new Map(plans.items.map((plan) => [plan.id, plan.deletesAt]));
  return {
    plans,
    standingPlans: section("standingPlans", settings, standingPlans, ({ cell, lastOn, lastEndsAt, pausedAt, createdAt, ...standing }) => {
      const resolution = acceptedResolution(cell);
      return {
        ...standing,
        lastOn: lastOn && lastOn.toISOString().slice(0, 10),
        lastEndsAt: isoOrNull(lastEndsAt),
        paused: pausedAt !== null,
        cell,
        area: resolution ? { precision: precisionOf(resolution).name, size: precisionOf(resolution).area } : null,
        createdAt: iso(createdAt),
      };
    }),
    areaUses: section("areaUses", settings, areaUses, (use) => ({
      areaKey: use.areaKey,
      activities: use.activities,
      firstUsedAt: iso(use.firstUsedAt),
      lastUsedAt: iso(use.lastUsedAt),
      countsUntil: iso(new Date(use.lastUsedAt.getTime() + AREA_WINDOW_MS)),
    })),
    matches: section(
      "matches",
      settings,
      matches,
      (m) => ({
        id: m.id,
        activity: m.activity,
        with: inHistory(m.userLowId === userId ? m.userHigh : m.userLow),
        // An ask, not a match (no area compared): who asked whom.
        ...(m.askerId ? { ask: m.askerId === userId ? "you asked" : "asked you" } : {}),
        createdAt: iso(m.createdAt),
      }),
      // The user's own plan bounds it; whether the friend's plan is still there is theirs to know.
      (m) => {
        const mine = m.userLowId === userId ? m.planLowId : m.planHighId;
        return mine && planGoes.get(mine);
      },
    ),
    matchAnswers: section("matchAnswers", settings, matchAnswers, (side) => ({
      matchId: side.matchId,
      activity: side.match.activity,
      answer: side.answer,
      answeredAt: isoOrNull(side.answeredAt),
      arrivingAt: isoOrNull(side.arrivingAt),
      planOffAt: isoOrNull(side.outAt),
      endsAt: iso(side.endsAt),
    })),
    matchMessages: section("matchMessages", settings, matchMessages, (message) => ({
      id: message.id,
      activity: message.match.activity,
      kind: message.kind,
      body: message.body,
      sentAt: iso(message.createdAt),
    })),
  };
}

/** Everything stored about `userId`, as plain JSON-ready data (ISO times, string ids). */
export async function collectUserData(userId: string, now = new Date()) {
  return shapeUserData(await readUserRows(userId), userId, now);
}

/** The rows of `readUserRows`, shaped section by section, in the order of the export file. */
function shapeUserData(rows: UserRows, userId: string, now: Date) {
  const {
    account,
    named: shown,
    sessions,
    devices,
    friends,
    sent,
    received,
    blocks,
    invitesMade,
    invitesUsed,
    notifications,
    inbox,
    ledger,
    probeNotices,
    toldToMe,
  } = rows;
  const settings: RetentionSettings = account;
  const inHistory = historyPresenter(shown);
  const { plans, standingPlans, areaUses, matches, matchAnswers, matchMessages } = planSections(rows, userId, now, inHistory);
  return {
    account: section("account", settings, [account], (row) => ({
      ...row,
      createdAt: iso(row.createdAt),
      disabledAt: isoOrNull(row.disabledAt),
      pausedUntil: isoOrNull(row.pausedUntil),
    })),
    sessions: section("sessions", settings, sessions, (s) => ({ createdAt: iso(s.createdAt), expiresAt: iso(s.expiresAt) })),
    pushDevices: section("pushDevices", settings, devices, (d) => ({ id: d.id, label: d.label, endpoint: d.endpoint, createdAt: iso(d.createdAt) })),
    friends: section("friends", settings, friends, (f) => ({ friend: named(f.friend), close: f.close, since: iso(f.createdAt) })),
    friendRequestsSent: section("friendRequestsSent", settings, sent, (r) => ({ to: named(r.recipient), createdAt: iso(r.createdAt) })),
    friendRequestsReceived: section("friendRequestsReceived", settings, received, (r) => ({ from: named(r.sender), createdAt: iso(r.createdAt) })),
    blocks: section("blocks", settings, blocks, (b) => ({ blocked: named(b.blocked), createdAt: iso(b.createdAt) })),
    invitesCreated: section("invitesCreated", settings, invitesMade, (i) => ({
      id: i.id,
      status: inviteStatus(i, now),
      createdAt: iso(i.createdAt),
      expiresAt: iso(i.expiresAt),
      revokedAt: isoOrNull(i.revokedAt),
      acceptedAt: isoOrNull(i.acceptedAt),
      acceptedBy: i.acceptedBy && inHistory(i.acceptedBy),
    })),
    invitesAccepted: section("invitesAccepted", settings, invitesUsed, (i) => ({ from: inHistory(i.inviter), acceptedAt: isoOrNull(i.acceptedAt) })),
    plans,
    standingPlans,
    areaUses,
    matches,
    matchAnswers,
    matchMessages,
    notifications: section("notifications", settings, notifications, (n) => {
      const view = inbox.get(n.id);
      return {
        // As the user's pages and streams show it: the row id counts everyone's notifications.
        id: sealNotificationId(userId, n.id),
        type: n.type,
        text: view?.text ?? "A notification about an account that no longer exists",
        ...(view?.window ? { window: { startsAt: iso(view.window.startsAt), endsAt: iso(view.window.endsAt) } } : {}),
        createdAt: iso(n.createdAt),
        readAt: isoOrNull(n.readAt),
      };
    }),
    ledger: ledgerSection(ledger, settings, inHistory),
    probeNotices: probeNoticeSection(probeNotices, settings),
    toldToMe: section("toldToMe", settings, toldToMe, (row) => ({ about: inHistory(row.subject), ...told(row) })),
    rateLimits: { count: 0, note: retentionOf("rateLimits", settings).says },
  } satisfies Record<SectionName, unknown>;
}

export type UserData = Awaited<ReturnType<typeof collectUserData>>;
