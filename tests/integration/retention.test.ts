import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { snapToCell } from "@/lib/geo";
import { db, pool } from "@/lib/server/db";
import { sweepRetention, type SweepCounts } from "@/lib/server/jobs/retention";
import { PAIR_COOLDOWN_MS } from "@/lib/server/plans/matcher";
import { updatePrivacySettings } from "@/lib/server/privacy/settings";
import { closeDatabase, resetDatabase, unique } from "../support/db";
import { person, type Person } from "../support/people";

beforeEach(resetDatabase);
afterAll(closeDatabase);

// The sweeper is given its clock: every test runs it at chosen instants around T0.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = new Date("2026-03-25T12:00:00.000Z"); // days later Europe moves its clocks: a retention day is 24 h anyway
const at = (ms: number) => new Date(T0.getTime() + ms);
const cell = snapToCell(38.6786, -9.3357, 7);

const NOTHING: SweepCounts = {
  plans: 0,
  standingPlans: 0,
  matches: 0,
  matchMembers: 0,
  matchMessages: 0,
  disclosures: 0,
  notifications: 0,
  invites: 0,
  sessions: 0,
  rateLimits: 0,
  areaUses: 0,
  probeNotices: 0,
  failed: 0,
};
const swept = (counts: Partial<SweepCounts>): SweepCounts => ({ ...NOTHING, ...counts });

const planRow = (owner: Person, endsAt: Date, id = randomUUID()) => ({
  id,
  userId: owner.id,
  activity: "surfing",
  startsAt: new Date(endsAt.getTime() - HOUR),
  endsAt,
  cell,
  travelKm: 10,
});

async function plan(owner: Person, endsAt: Date): Promise<string> {
  return (await db().plan.create({ data: planRow(owner, endsAt), select: { id: true } })).id;
}

async function notify(reader: Person, actor: Person, createdAt: Date, disclosureId?: string): Promise<string> {
  const type = disclosureId ? "match" : "friend_accepted";
  const row = await db().notification.create({ data: { userId: reader.id, actorId: actor.id, type, disclosureId, createdAt }, select: { id: true } });
  return String(row.id);
}

async function disclose(subject: Person, recipient: Person, createdAt: Date, matchId?: string): Promise<string> {
  const window = { startsAt: T0, endsAt: at(HOUR) };
  const row = await db().disclosure.create({
    data: { subjectId: subject.id, recipientId: recipient.id, matchId, activity: "surfing", ...window, createdAt },
    select: { id: true },
  });
  return row.id;
}

type Side = [Person, string | null];

/** A match between two plans (either may be null: already gone), stored lower user id first. */
function matchRow(a: Side, b: Side, createdAt: Date) {
  const [low, high] = a[0].id < b[0].id ? [a, b] : [b, a];
  return {
    userLowId: low[0].id,
    userHighId: high[0].id,
    planLowId: low[1],
    planHighId: high[1],
    activity: "surfing",
    startsAt: createdAt,
    endsAt: createdAt,
    createdAt,
  };
}

async function match(a: Side, b: Side, createdAt: Date): Promise<string> {
  return (await db().match.create({ data: matchRow(a, b, createdAt), select: { id: true } })).id;
}

const sorted = (values: (string | bigint)[]) => values.map(String).sort();
const TABLES = {
  plans: "plans",
  matches: "matches",
  disclosures: "disclosures",
  notifications: "notifications",
  invites: "invites",
  sessions: "sessions",
  rateLimits: "rate_limits",
} as const;

/** The ids (rate limits: keys) of the rows of one kind still in the database. */
async function left(kind: keyof typeof TABLES): Promise<string[]> {
  const { rows } = await pool().query<{ id: string }>(`SELECT ${kind === "rateLimits" ? "key" : "id"}::text AS id FROM ${TABLES[kind]}`);
  return sorted(rows.map((row) => row.id));
}

async function invite(inviter: Person, expiresAt: Date): Promise<string> {
  const row = await db().invite.create({ data: { tokenHash: unique("hash"), inviterId: inviter.id, expiresAt }, select: { id: true } });
  return row.id;
}

async function session(user: Person, expiresAt: Date): Promise<string> {
  const row = await db().session.create({ data: { id: unique("session"), userId: user.id, expiresAt }, select: { id: true } });
  return row.id;
}

async function rateLimit(key: string, expire: Date | null): Promise<string> {
  await pool().query("INSERT INTO rate_limits (key, points, expire) VALUES ($1, 1, $2)", [key, expire?.getTime() ?? null]);
  return key;
}

describe("ended plans", () => {
  it.each([0, 24, 168])("kept %i hours: still there a minute before, gone a minute after; running plans and others' plans stay", async (hours) => {
    const [owner, other] = [await person("Owner"), await person("Other")];
    await updatePrivacySettings(owner.id, { planRetentionHours: hours });
    await updatePrivacySettings(other.id, { planRetentionHours: 168 });
    const ended = await plan(owner, T0);
    const running = await plan(owner, at(200 * HOUR));
    // Ended before the owner's (but for hours = 168), under its owner's 7 days it is due 2 minutes after the owner's.
    const others = await plan(other, at((hours - 168) * HOUR + 2 * MINUTE));

    expect(await sweepRetention(at(hours * HOUR - MINUTE))).toEqual(NOTHING);
    expect(await left("plans")).toEqual(sorted([ended, running, others]));

    expect(await sweepRetention(at(hours * HOUR + MINUTE))).toEqual(swept({ plans: 1 }));
    expect(await left("plans")).toEqual(sorted([running, others]));

    expect(await sweepRetention(at(hours * HOUR + 3 * MINUTE))).toEqual(swept({ plans: 1 }));
    expect(await left("plans")).toEqual([running]);
  });
});

describe("notifications", () => {
  it("go after the reader's 7 or 30 days, each inbox by its own setting", async () => {
    const [week, month] = [await person("Week"), await person("Month")];
    await updatePrivacySettings(week.id, { notificationRetentionDays: 7 });
    await updatePrivacySettings(month.id, { notificationRetentionDays: 30 });
    const weekOld = await notify(week, month, T0);
    const monthOld = await notify(month, week, T0);
    const newer = await notify(week, month, at(7 * DAY));

    expect(await sweepRetention(at(7 * DAY - MINUTE))).toEqual(NOTHING);
    expect(await left("notifications")).toEqual(sorted([weekOld, monthOld, newer]));

    expect(await sweepRetention(at(7 * DAY + MINUTE))).toEqual(swept({ notifications: 1 }));
    expect(await left("notifications")).toEqual(sorted([monthOld, newer]));

    expect(await sweepRetention(at(14 * DAY + MINUTE))).toEqual(swept({ notifications: 1 }));
    expect(await sweepRetention(at(30 * DAY - MINUTE))).toEqual(NOTHING);
    expect(await left("notifications")).toEqual([monthOld]);

    expect(await sweepRetention(at(30 * DAY + MINUTE))).toEqual(swept({ notifications: 1 }));
    expect(await left("notifications")).toEqual([]);
  });
});

describe("the disclosure ledger", () => {
  it("goes after the subject's 30 or 90 days", async () => {
    const [short, long] = [await person("Short"), await person("Long")];
    await updatePrivacySettings(short.id, { ledgerRetentionDays: 30 });
    await updatePrivacySettings(long.id, { ledgerRetentionDays: 90 });
    const aboutShort = await disclose(short, long, T0);
    const aboutLong = await disclose(long, short, T0);

    expect(await sweepRetention(at(30 * DAY - MINUTE))).toEqual(NOTHING);
    expect(await left("disclosures")).toEqual(sorted([aboutShort, aboutLong]));

    expect(await sweepRetention(at(30 * DAY + MINUTE))).toEqual(swept({ disclosures: 1 }));
    expect(await left("disclosures")).toEqual([aboutLong]);

    expect(await sweepRetention(at(90 * DAY - MINUTE))).toEqual(NOTHING);
    expect(await left("disclosures")).toEqual([aboutLong]);

    expect(await sweepRetention(at(90 * DAY + MINUTE))).toEqual(swept({ disclosures: 1 }));
    expect(await left("disclosures")).toEqual([]);
  });

  it("takes the reader's match notification with it, whatever the reader keeps: the subject's wish wins", async () => {
    const [subject, reader] = [await person("Subject"), await person("Reader")];
    await updatePrivacySettings(subject.id, { ledgerRetentionDays: 30 });
    await updatePrivacySettings(reader.id, { notificationRetentionDays: 30 });
    const told = await disclose(subject, reader, T0);
    // The reader's own setting alone would keep both notifications until day 35.
    await notify(reader, subject, at(5 * DAY), told);
    const unrelated = await notify(reader, subject, at(5 * DAY));

    expect(await sweepRetention(at(30 * DAY + MINUTE))).toEqual(swept({ disclosures: 1 }));
    expect(await left("disclosures")).toEqual([]);
    expect(await left("notifications")).toEqual([unrelated]);
  });
});

describe("matches", () => {
  it("stay through the cooldown and while both plans exist, then go", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    // Plans running all along: only cancelling removes them here.
    const later = at(DAY);
    const [a1, b1, a2, b2, a3, b3] = [
      await plan(alice, later),
      await plan(bob, later),
      await plan(alice, later),
      await plan(bob, later),
      await plan(alice, later),
      await plan(bob, later),
    ];
    const bothPlans = await match([alice, a1], [bob, b1], T0);
    const onePlan = await match([alice, a2], [bob, b2], T0);
    const noPlan = await match([alice, a3], [bob, b3], T0);
    const ledger = await disclose(alice, bob, T0, onePlan);
    await db().plan.deleteMany({ where: { id: { in: [a2, a3, b3] } } }); // cancelled

    expect(await sweepRetention(at(PAIR_COOLDOWN_MS - MINUTE))).toEqual(NOTHING);
    expect(await left("matches")).toEqual(sorted([bothPlans, onePlan, noPlan]));

    expect(await sweepRetention(at(PAIR_COOLDOWN_MS + MINUTE))).toEqual(swept({ matches: 2 }));
    expect(await left("matches")).toEqual([bothPlans]);
    // The ledger keeps its own time: the row stays, it just no longer points at a match.
    expect(await db().disclosure.findUnique({ where: { id: ledger }, select: { matchId: true } })).toEqual({ matchId: null });

    await db().plan.delete({ where: { id: b1 } });
    expect(await sweepRetention(at(PAIR_COOLDOWN_MS + MINUTE))).toEqual(swept({ matches: 1 }));
    expect(await left("matches")).toEqual([]);
    expect(await left("plans")).toEqual(sorted([a1, b2]));
  });

  it("go in the same sweep as their plans once the cooldown is over", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await match([alice, await plan(alice, T0)], [bob, await plan(bob, T0)], at(-PAIR_COOLDOWN_MS));
    const recent = await match([alice, await plan(alice, T0)], [bob, await plan(bob, T0)], at(-HOUR));

    expect(await sweepRetention(at(MINUTE))).toEqual(swept({ plans: 4, matches: 1 }));
    expect(await left("plans")).toEqual([]);
    expect(await left("matches")).toEqual([recent]);
  });
});

describe("expired invites, sessions and rate-limit counters", () => {
  it("go at their expiry; live ones, and counters that never expire, stay", async () => {
    const alice = await person("Alice");
    await invite(alice, at(-MINUTE));
    await invite(alice, T0);
    const liveInvite = await invite(alice, at(MINUTE));
    await session(alice, at(-MINUTE));
    await session(alice, T0);
    const liveSession = await session(alice, at(MINUTE));
    await rateLimit("expired", at(-1));
    await rateLimit("expiring-now", T0);
    const live = [await rateLimit("live", at(1)), await rateLimit("forever", null)];

    expect(await sweepRetention(T0)).toEqual(swept({ invites: 2, sessions: 2, rateLimits: 2 }));
    expect(await left("invites")).toEqual([liveInvite]);
    expect(await left("sessions")).toEqual([liveSession]);
    expect(await left("rateLimits")).toEqual(sorted(live));
  });
});

describe("the daily area budget and the ledger's probe notices", () => {
  it("an area goes 24 hours after it was last used — whether or not its plan is still there", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    const use = (owner: Person, key: string, lastUsedAt: Date) =>
      db().areaUse.create({ data: { userId: owner.id, areaKey: key, firstUsedAt: at(-2 * DAY), lastUsedAt } });
    await use(alice, "due", at(-DAY));
    await use(bob, "due-too", at(-DAY - MINUTE));
    await use(alice, "counts", at(-DAY + MINUTE));
    await use(bob, "plan-ends-later", at(HOUR));
    expect(await sweepRetention(T0)).toEqual(swept({ areaUses: 2 }));
    const keys = await db().areaUse.findMany({ select: { areaKey: true }, orderBy: { areaKey: "asc" } });
    expect(keys.map((row) => row.areaKey)).toEqual(["counts", "plan-ends-later"]);
  });

  it("a probe notice goes with its owner's ledger setting", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await updatePrivacySettings(bob.id, { ledgerRetentionDays: 90 });
    const notice = (owner: Person, createdAt: Date) =>
      db().probeNotice.create({ data: { userId: owner.id, activity: "surfing", createdAt }, select: { id: true } });
    await notice(alice, at(-30 * DAY));
    const young = await notice(alice, at(-30 * DAY + MINUTE));
    const bobs = await notice(bob, at(-30 * DAY));
    expect(await sweepRetention(T0)).toEqual(swept({ probeNotices: 1 }));
    const ids = (await db().probeNotice.findMany({ select: { id: true } })).map((row) => row.id);
    expect(ids.sort()).toEqual(sorted([young.id, bobs.id]));
  });
});

describe("changing a setting", () => {
  it("to something shorter takes effect on the very next sweep", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await updatePrivacySettings(alice.id, { planRetentionHours: 168, notificationRetentionDays: 30, ledgerRetentionDays: 90 });
    const ended = await plan(alice, T0);
    const inbox = await notify(alice, bob, T0);
    const ledger = await disclose(alice, bob, T0);
    // Each time: past the short choice, before the long one; the same instant before and after the change.
    const times = { plans: at(2 * HOUR), notifications: at(10 * DAY), disclosures: at(40 * DAY) };

    expect(await sweepRetention(times.plans)).toEqual(NOTHING);
    expect(await left("plans")).toEqual([ended]);
    await updatePrivacySettings(alice.id, { planRetentionHours: 0 });
    expect(await sweepRetention(times.plans)).toEqual(swept({ plans: 1 }));
    expect(await left("plans")).toEqual([]);

    expect(await sweepRetention(times.notifications)).toEqual(NOTHING);
    expect(await left("notifications")).toEqual([inbox]);
    await updatePrivacySettings(alice.id, { notificationRetentionDays: 7 });
    expect(await sweepRetention(times.notifications)).toEqual(swept({ notifications: 1 }));
    expect(await left("notifications")).toEqual([]);

    expect(await sweepRetention(times.disclosures)).toEqual(NOTHING);
    expect(await left("disclosures")).toEqual([ledger]);
    await updatePrivacySettings(alice.id, { ledgerRetentionDays: 30 });
    expect(await sweepRetention(times.disclosures)).toEqual(swept({ disclosures: 1 }));
    expect(await left("disclosures")).toEqual([]);
  });
});

describe("batches", () => {
  it("delete everything past its time even when it takes many batches", async () => {
    const alice = await person("Alice");
    for (let i = 0; i < 10; i++) await plan(alice, at(-i * MINUTE));
    const keep = await plan(alice, at(MINUTE));
    for (let i = 0; i < 9; i++) await session(alice, at(-i * MINUTE)); // a whole number of batches
    const connect = vi.spyOn(pool(), "connect");
    try {
      expect(await sweepRetention(T0, { batch: 3 })).toEqual(swept({ plans: 10, sessions: 9 }));
      // 4 batches of plans (3+3+3+1), 4 of sessions (3+3+3+0), one (empty) for each of the 10 other kinds.
      expect(connect).toHaveBeenCalledTimes(18);
    } finally {
      connect.mockRestore();
    }
    expect(await left("plans")).toEqual([keep]);
    expect(await left("sessions")).toEqual([]);
  });

  it("take only what is due when rows kept longer by their owners' settings sit among them, at the same instants", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await updatePrivacySettings(bob.id, { planRetentionHours: 168 });
    const due: string[] = [];
    const kept: string[] = [];
    for (let i = 0; i < 7; i++) {
      const endedAt = at(-(i % 4) * MINUTE); // ties: several plans end at the same instant
      due.push(await plan(alice, endedAt));
      kept.push(await plan(bob, endedAt));
    }
    expect(await sweepRetention(at(HOUR), { batch: 2 })).toEqual(swept({ plans: 7 }));
    expect(await left("plans")).toEqual(sorted(kept));
  });

  it("two sweeps at once delete everything exactly once, without an error", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    const n = 101; // prime: k ↦ 37k + c (mod n) is a permutation
    for (let trial = 0; trial < 3; trial++) {
      await pool().query("TRUNCATE matches, disclosures, notifications, plans, invites, sessions, rate_limits CASCADE");
      // Each plan is in two matches with plans stored far from it, so two batches deleting plans at once
      // both clear (ON DELETE SET NULL) many of the same matches: the case that can deadlock.
      const alicePlans = Array.from({ length: n }, () => randomUUID());
      const bobPlans = Array.from({ length: n }, () => randomUUID());
      await db().plan.createMany({ data: alicePlans.flatMap((id, k) => [planRow(alice, at(-HOUR), id), planRow(bob, at(-HOUR), bobPlans[k]!)]) });
      const cooledDown = at(-PAIR_COOLDOWN_MS - HOUR);
      await db().match.createMany({
        data: alicePlans.flatMap((id, k) => [
          matchRow([alice, id], [bob, bobPlans[(37 * k + 11) % n]!], cooledDown),
          matchRow([alice, id], [bob, bobPlans[(37 * k + 50) % n]!], cooledDown),
        ]),
      });
      for (let k = 0; k < 7; k++) {
        await notify(alice, bob, at(-8 * DAY));
        await disclose(alice, bob, at(-31 * DAY));
        await invite(alice, at(-MINUTE));
        await session(alice, at(-MINUTE));
        await rateLimit(`expired-${k}`, at(-MINUTE));
      }
      const kept = {
        plans: [await plan(alice, at(HOUR))],
        notifications: [await notify(alice, bob, at(-DAY))],
        disclosures: [await disclose(alice, bob, at(-DAY))],
        invites: [await invite(alice, at(MINUTE))],
        sessions: [await session(alice, at(MINUTE))],
        rateLimits: [await rateLimit("live", at(MINUTE))],
        matches: [],
      };

      const [first, second] = await Promise.all([sweepRetention(T0, { batch: 50 }), sweepRetention(T0, { batch: 50 })]);
      const kinds = Object.keys(NOTHING) as (keyof SweepCounts)[];
      const total = Object.fromEntries(kinds.map((kind) => [kind, first[kind] + second[kind]]));
      expect(total, `trial ${trial}`).toEqual(
        swept({ plans: 2 * n, matches: 2 * n, notifications: 7, disclosures: 7, invites: 7, sessions: 7, rateLimits: 7 }),
      );
      for (const [kind, rows] of Object.entries(kept)) expect(await left(kind as keyof typeof TABLES), `${kind}, trial ${trial}`).toEqual(rows);
    }
  });
});

describe("a failure", () => {
  it("of one kind is logged without the row's data and does not stop the others", async () => {
    const alice = await person("Alice");
    const ended = await plan(alice, at(-HOUR));
    await session(alice, at(-MINUTE));
    await invite(alice, at(-MINUTE));
    // Deleting a plan fails, with the plan's area in the error's detail.
    await pool().query(`CREATE FUNCTION retention_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN RAISE EXCEPTION 'refused by the test' USING DETAIL = OLD.cell; END $$`);
    await pool().query("CREATE TRIGGER retention_test_refuse BEFORE DELETE ON plans FOR EACH ROW EXECUTE FUNCTION retention_test_refuse()");
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect(await sweepRetention(T0)).toEqual(swept({ sessions: 1, invites: 1, failed: 1 }));
      expect(logged).toHaveBeenCalledTimes(1);
      const line = logged.mock.calls[0]!.map(String).join(" ");
      expect(line).toContain("Retention sweep of plans failed");
      expect(line).toContain("refused by the test");
      expect(line).not.toContain(cell);
    } finally {
      logged.mockRestore();
      await pool().query("DROP TRIGGER retention_test_refuse ON plans");
      await pool().query("DROP FUNCTION retention_test_refuse()");
    }
    expect(await left("plans")).toEqual([ended]);
    expect(await sweepRetention(T0)).toEqual(swept({ plans: 1 }));
  });
});
