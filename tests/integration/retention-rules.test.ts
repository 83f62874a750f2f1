import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { snapToCell } from "@/lib/geo";
import { db, pool } from "@/lib/server/db";
import { sweepRetention } from "@/lib/server/jobs/retention";
import { collectUserData } from "@/lib/server/privacy/my-data";
import { RETENTION_RULES, RETENTION_SETTINGS, SECTIONS, type RetentionSetting, type SectionName, type TimeRule } from "@/lib/server/privacy/retention-rules";
import { updatePrivacySettings } from "@/lib/server/privacy/settings";
import { tablesInSchema } from "../support/catalogue";
import { closeDatabase, resetDatabase, unique } from "../support/db";
import { person, type Person } from "../support/people";

// The promise and the deletion agree, section by section of "What we store about you" and the
// export: for every kind time deletes, a row is still there a millisecond before the time the user is
// shown and gone at it — under every choice of the setting that governs it; for every kind only an
// event deletes, the user is shown no time and no sweep, however late, deletes it. The sections
// come from the table of retention rules, so a kind added there without a fixture here fails.

beforeEach(resetDatabase);
afterAll(closeDatabase);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = new Date("2026-03-25T12:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const cell = snapToCell(38.6786, -9.3357, 7);

/** A row of a section's kind, held about `viewer`: `where` finds it (column → value). */
type Made = { viewer: Person; where: Record<string, unknown>; promised?: string };
type Case = {
  /** Gives the person whose setting governs the row the choice under test (nothing for fixed and event rules). */
  govern: (who: Person) => Promise<void>;
  /** For a rule that also waits for a row it points at: the viewer's own such row is already gone. */
  ownGone?: boolean;
};
/**
 * Stores one item of the section for a new viewer. `promised`: only for a section that lists no
 * items (rate limits: their note says they go when their window ends).
 */
type Fixture = (c: Case) => Promise<Made>;

const two = async (): Promise<[Person, Person]> => [await person("Viewer"), await person("Other")];

async function plan(owner: Person, endsAt: Date): Promise<string> {
  const row = await db().plan.create({
    data: { userId: owner.id, activity: "surfing", startsAt: at(-HOUR), endsAt, cell, travelKm: 10 },
    select: { id: true },
  });
  return row.id;
}

async function disclosure(subject: Person, recipient: Person) {
  const row = await db().disclosure.create({
    data: { subjectId: subject.id, recipientId: recipient.id, activity: "surfing", startsAt: at(-HOUR), endsAt: T0, createdAt: T0 },
    select: { id: true },
  });
  return { id: row.id };
}

/** A match between two people whose window ends at T0 and which outlives it (both plans are still there). */
async function openMatch(a: Person, b: Person): Promise<string> {
  const [low, high] = [a, b].sort((x, y) => (x.id < y.id ? -1 : 1)) as [Person, Person];
  const match = await db().match.create({
    data: {
      userLowId: low.id,
      userHighId: high.id,
      planLowId: await plan(low, at(30 * DAY)),
      planHighId: await plan(high, at(30 * DAY)),
      activity: "surfing",
      startsAt: at(-HOUR),
      endsAt: T0,
      createdAt: at(-HOUR),
    },
    select: { id: true },
  });
  return match.id;
}

async function invite(inviter: Person, accepted?: Person) {
  const row = await db().invite.create({
    data: {
      tokenHash: unique("hash"),
      inviterId: inviter.id,
      createdAt: at(-7 * DAY),
      expiresAt: T0,
      ...(accepted ? { acceptedAt: at(-DAY), acceptedById: accepted.id } : {}),
    },
    select: { id: true },
  });
  return { id: row.id };
}

async function friendRequest(sender: Person, recipient: Person) {
  return { id: (await db().friendRequest.create({ data: { senderId: sender.id, recipientId: recipient.id }, select: { id: true } })).id };
}

const FIXTURES: Record<SectionName, Fixture> = {
  plans: async ({ govern }) => {
    const viewer = await person("Viewer");
    await govern(viewer);
    return { viewer, where: { id: await plan(viewer, T0) } };
  },
  // One with a last day (one without is kept until removed: tests/integration/standing.test.ts).
  standingPlans: async ({ govern }) => {
    const viewer = await person("Viewer");
    await govern(viewer);
    const row = await db().standingPlan.create({
      data: {
        userId: viewer.id,
        activity: "surfing",
        days: [6],
        startMinute: 420,
        endMinute: 600,
        timeZone: "UTC",
        cell,
        travelKm: 10,
        lastOn: new Date("2026-03-25"),
        lastEndsAt: T0,
        nextOn: new Date("2026-03-26"),
      },
      select: { id: true },
    });
    return { viewer, where: { id: row.id } };
  },
  // While the viewer's plan is there, it outlives the cooldown and the friend's plan outlives it; once
  // it is gone, the cooldown decides. Either way the time shown (the latest it could be) is then exact.
  matches: async ({ ownGone }) => {
    const [viewer, friend] = await two();
    await updatePrivacySettings(viewer.id, { planRetentionHours: 24 });
    const mine = await plan(viewer, T0);
    const sides = [
      { user: viewer, plan: mine },
      { user: friend, plan: await plan(friend, at(30 * DAY)) },
    ].sort((a, b) => (a.user.id < b.user.id ? -1 : 1));
    const [low, high] = [sides[0]!, sides[1]!];
    const row = await db().match.create({
      data: {
        userLowId: low.user.id,
        userHighId: high.user.id,
        planLowId: low.plan,
        planHighId: high.plan,
        activity: "surfing",
        startsAt: T0,
        endsAt: at(HOUR),
        createdAt: at(-HOUR),
      },
      select: { id: true },
    });
    if (ownGone) await db().plan.delete({ where: { id: mine } });
    return { viewer, where: { id: row.id } };
  },
  matchAnswers: async ({ govern }) => {
    const [viewer, friend] = await two();
    await govern(viewer);
    const matchId = await openMatch(viewer, friend);
    await db().matchMember.create({ data: { matchId, userId: viewer.id, answer: "in", answeredAt: at(-HOUR), endsAt: T0 } });
    return { viewer, where: { match_id: matchId, user_id: viewer.id } };
  },
  matchMessages: async ({ govern }) => {
    const [viewer, friend] = await two();
    await govern(viewer);
    const matchId = await openMatch(viewer, friend);
    const row = await db().matchMessage.create({
      data: { matchId, senderId: viewer.id, kind: "spot", body: "Steamer Lane", endsAt: T0, createdAt: at(-HOUR) },
      select: { id: true },
    });
    return { viewer, where: { id: row.id } };
  },
  ledger: async ({ govern }) => {
    const [viewer, friend] = await two();
    await govern(viewer);
    return { viewer, where: await disclosure(viewer, friend) };
  },
  toldToMe: async ({ govern }) => {
    const [viewer, friend] = await two();
    await govern(friend);
    return { viewer, where: await disclosure(friend, viewer) };
  },
  notifications: async ({ govern }) => {
    const [viewer, friend] = await two();
    await govern(viewer);
    const row = await db().notification.create({
      data: { userId: viewer.id, actorId: friend.id, type: "friend_accepted", createdAt: T0 },
      select: { id: true },
    });
    return { viewer, where: { id: row.id } };
  },
  invitesCreated: async () => {
    const viewer = await person("Viewer");
    return { viewer, where: await invite(viewer) };
  },
  invitesAccepted: async () => {
    const [viewer, inviter] = await two();
    return { viewer, where: await invite(inviter, viewer) };
  },
  sessions: async () => {
    const viewer = await person("Viewer");
    const row = await db().session.create({ data: { id: unique("session"), userId: viewer.id, expiresAt: T0 }, select: { id: true } });
    return { viewer, where: { id: row.id } };
  },
  rateLimits: async () => {
    const key = unique("limit");
    await pool().query("INSERT INTO rate_limits (key, points, expire) VALUES ($1, 1, $2)", [key, T0.getTime()]);
    return { viewer: await person("Viewer"), where: { key }, promised: T0.toISOString() };
  },
  areaUses: async () => {
    const viewer = await person("Viewer");
    await db().areaUse.create({ data: { userId: viewer.id, areaKey: "area", firstUsedAt: at(-HOUR), lastUsedAt: T0 } });
    return { viewer, where: { user_id: viewer.id, area_key: "area" } };
  },
  probeNotices: async ({ govern }) => {
    const viewer = await person("Viewer");
    await govern(viewer);
    const row = await db().probeNotice.create({ data: { userId: viewer.id, activity: "surfing", createdAt: T0 }, select: { id: true } });
    return { viewer, where: { id: row.id } };
  },
  pushDevices: async () => {
    const viewer = await person("Viewer");
    const row = await db().pushSubscription.create({
      data: { userId: viewer.id, endpoint: `https://fcm.googleapis.com/fcm/send/${unique("device")}`, p256dh: "key", auth: "auth", label: "Chrome on Android" },
      select: { id: true },
    });
    return { viewer, where: { id: row.id } };
  },
  friends: async () => {
    const [viewer, friend] = await two();
    await db().friendship.createMany({
      data: [
        { ownerId: viewer.id, friendId: friend.id },
        { ownerId: friend.id, friendId: viewer.id },
      ],
    });
    return { viewer, where: { owner_id: viewer.id, friend_id: friend.id } };
  },
  friendRequestsSent: async () => {
    const [viewer, other] = await two();
    return { viewer, where: await friendRequest(viewer, other) };
  },
  friendRequestsReceived: async () => {
    const [viewer, other] = await two();
    return { viewer, where: await friendRequest(other, viewer) };
  },
  blocks: async () => {
    const [viewer, other] = await two();
    await db().block.create({ data: { blockerId: viewer.id, blockedId: other.id } });
    return { viewer, where: { blocker_id: viewer.id, blocked_id: other.id } };
  },
  account: async () => {
    const viewer = await person("Viewer");
    return { viewer, where: { id: viewer.id } };
  },
};

/** Whether the row is still stored. */
async function stored(name: SectionName, { where }: Made): Promise<boolean> {
  const columns = Object.keys(where);
  const sql = `SELECT count(*)::int AS n FROM ${SECTIONS[name].rule.table} WHERE ${columns.map((column, i) => `${column} = $${i + 1}`).join(" AND ")}`;
  const { rows } = await pool().query<{ n: number }>(sql, Object.values(where));
  return rows[0]!.n === 1;
}

/** The items of the section as the viewer's data page and export show them. */
async function shown(name: SectionName, viewer: Person): Promise<{ deletesAt: string | null }[]> {
  const section = (await collectUserData(viewer.id, T0))[name];
  return "items" in section ? section.items : [];
}

const sections = Object.entries(SECTIONS) as [SectionName, (typeof SECTIONS)[SectionName]][];
const timed = sections.filter(([, section]) => section.rule.goes !== null);
const onEvent = sections.filter(([, section]) => section.rule.goes === null);

type Variant = { label: string; setting?: RetentionSetting; choice?: number; ownGone?: boolean };

/** Every choice of the setting that governs the rule (or its fixed time), and both ways of a rule that waits for another row. */
function variants(goes: TimeRule): Variant[] {
  const { keep, andOneGone } = goes;
  const kept: Variant[] =
    "ms" in keep
      ? [{ label: `a fixed ${keep.ms / HOUR} hours after ${goes.after}` }]
      : RETENTION_SETTINGS[keep.setting].choices.map(({ value }) => ({
          label: `${keep.setting} of the ${keep.role} = ${value}`,
          setting: keep.setting,
          choice: value,
        }));
  if (!andOneGone) return kept;
  return kept.flatMap((variant) => [
    { ...variant, label: `${variant.label}, while the viewer's own row it waits for is there` },
    { ...variant, label: `${variant.label}, once the viewer's own row it waits for is gone`, ownGone: true },
  ]);
}

describe("the table of retention rules", () => {
  it("has a fixture here for every section, and every section is in the export", async () => {
    expect(Object.keys(FIXTURES).sort()).toEqual(Object.keys(SECTIONS).sort());
    const data = await collectUserData((await person("Anyone")).id, T0);
    expect(Object.keys(data).sort()).toEqual(Object.keys(SECTIONS).sort());
  });

  it("has a rule for every table", async () => {
    const tables = Object.values(RETENTION_RULES).map((rule) => rule.table);
    // Not about anyone by itself: a push delivery goes with its notification or its device (ON DELETE CASCADE).
    expect([...tables, "push_deliveries"].sort()).toEqual(await tablesInSchema());
  });

  it("shows every rule in at least one section: nothing is deleted by a rule nobody was told", () => {
    for (const [kind, rule] of Object.entries(RETENTION_RULES)) expect(Object.keys(rule.shown).length, kind).toBeGreaterThan(0);
  });
});

describe.each(timed)("%s: deleted at the time it is shown to be", (name, section) => {
  const goes = section.rule.goes!;
  const longest = "ms" in goes.keep ? undefined : Math.max(...RETENTION_SETTINGS[goes.keep.setting].choices.map((choice) => choice.value));

  for (const { label, setting, choice, ownGone } of variants(goes)) {
    it(`kept ${label}`, async () => {
      const govern = async (who: Person) => {
        if (setting) await updatePrivacySettings(who.id, { [setting]: choice });
      };
      const made = await FIXTURES[name]({ govern, ownGone });
      const items = await shown(name, made.viewer);
      expect(items.length, "the fixture stores one item of the section").toBe(made.promised ? 0 : 1);
      const promised = made.promised ?? items[0]!.deletesAt;
      expect(promised, "a time is promised").toEqual(expect.any(String));
      const due = new Date(promised!);

      expect((await sweepRetention(new Date(due.getTime() - 1))).failed).toBe(0);
      if (!section.latest || choice === longest) {
        expect(await stored(name, made), "still there a millisecond before the time shown").toBe(true);
        const counts = await sweepRetention(due);
        expect(counts.failed).toBe(0);
        // Deleted by its own kind's sweep, not taken along by another's.
        expect((counts as Record<string, number>)[section.kind], `swept as ${section.kind}`).toBe(1);
      } else {
        // Someone else's shorter setting: gone before the latest time it could be, which is what is shown.
        expect(await stored(name, made), "already gone a millisecond before the time shown").toBe(false);
      }
      expect(await stored(name, made), "gone at the time shown").toBe(false);
    });
  }
});

describe.each(onEvent)("%s: deleted only on an event", (name) => {
  it("shows no time, and a sweep a century later leaves it", async () => {
    const made = await FIXTURES[name]({ govern: async () => {} });
    const items = await shown(name, made.viewer);
    expect(items.length).toBeGreaterThan(0);
    expect(items.map((item) => item.deletesAt)).toEqual(items.map(() => null));
    const counts = await sweepRetention(at(100 * 365 * DAY));
    expect(counts.failed).toBe(0);
    expect(await stored(name, made)).toBe(true);
  });
});
