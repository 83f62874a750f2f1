import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db, pool } from "@/lib/server/db";
import { deleteAccount, deleteLocationData } from "@/lib/server/privacy/deletion";

import { getSessionUser } from "@/lib/server/auth/sessions";
import { DELETE_ACCOUNT_ATTEMPTS_PER_USER } from "@/lib/server/rate-limit";
import { tablesInSchema } from "../support/catalogue";
import { closeDatabase, newAccount, resetDatabase } from "../support/db";
import { person } from "../support/people";
import { aliceUsedEverything, CARCAVELOS } from "../support/scenario";
import { postAndMatch } from "../support/plans";

beforeEach(resetDatabase);
afterAll(closeDatabase);

const PASSWORD = newAccount().password;
const HOUR = 3_600_000;

/** For each table in the catalogue (so a table added later is walked too), how many rows mention any of `needles` anywhere in any column (the whole row as text). */
async function rowsMentioning(needles: string[]): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const table of await tablesInSchema()) {
    const { rows } = await pool().query<{ n: string }>(`SELECT count(*) AS n FROM "${table}" AS r WHERE lower(r::text) LIKE ANY ($1)`, [
      needles.map((needle) => `%${needle.toLowerCase()}%`),
    ]);
    found[table] = Number(rows[0]!.n);
  }
  return found;
}

describe("deleting an account", () => {
  it("leaves no row in any table that refers to the user, after they used every feature", async () => {
    const { alice, bob, gina } = await aliceUsedEverything();
    const user = await db().user.findUniqueOrThrow({ where: { id: alice.id }, select: { email: true } });
    const needles = [alice.id, user.email, alice.handle];

    // The walk sees Alice in every table a feature writes her into (so it would see leftovers there too).
    const before = await rowsMentioning(needles);
    for (const table of [
      "users",
      "sessions",
      "push_subscriptions",
      "friendships",
      "friend_requests",
      "blocks",
      "invites",
      "plans",
      "standing_plans",
      "area_uses",
      "matches",
      "match_members",
      "match_messages",
      "disclosures",
      "notifications",
      "probe_notices",
    ]) {
      expect(before[table], `${table} should mention Alice before deletion`).toBeGreaterThan(0);
    }

    expect(await deleteAccount(alice.id, PASSWORD)).toBe(true);

    const after = await rowsMentioning(needles);
    expect(Object.entries(after).filter(([, n]) => n > 0)).toEqual([]);
    // What others' inboxes said about Alice is gone; what is theirs stays. Bob, in an open match with
    // her, is told it is off — naming nobody.
    expect(await db().notification.findMany({ where: { userId: bob.id }, select: { type: true, actorId: true, matchId: true, detail: true } })).toEqual([
      { type: "match_off", actorId: null, matchId: null, detail: "surfing" },
    ]);
    expect(await db().plan.count({ where: { userId: bob.id } })).toBe(1);
    expect(await db().user.count()).toBe(6);
    // Gina's invite, which Alice accepted, no longer names her.
    expect(await db().invite.findMany({ where: { inviterId: gina.id }, select: { acceptedById: true } })).toEqual([{ acceptedById: null }]);
  });

  it("ends every session at once", async () => {
    const { alice } = await aliceUsedEverything();
    const sessions = await db().session.findMany({ where: { userId: alice.id }, select: { id: true } });
    expect(sessions.length).toBeGreaterThan(0);
    await deleteAccount(alice.id, PASSWORD);
    for (const { id } of sessions) expect(await getSessionUser(id)).toBeNull();
  });

  it("needs the right password, deletes nothing without it, and stops a guesser", async () => {
    const { alice } = await aliceUsedEverything();
    const rowsBefore = await rowsMentioning([alice.id]);
    for (let attempt = 0; attempt < DELETE_ACCOUNT_ATTEMPTS_PER_USER.points; attempt++) {
      expect(await deleteAccount(alice.id, "not the password")).toBe(false);
    }
    await expect(deleteAccount(alice.id, PASSWORD)).rejects.toThrow(/Too many attempts/);
    const rowsAfter = await rowsMentioning([alice.id]);
    expect(rowsAfter).toEqual(rowsBefore);
  });

  it("lets at most the limit of guesses sent all at once reach the password check", async () => {
    const { alice } = await aliceUsedEverything();
    const guesses = await Promise.allSettled(
      Array.from({ length: 3 * DELETE_ACCOUNT_ATTEMPTS_PER_USER.points }, (_, i) => deleteAccount(alice.id, `guess ${i}`)),
    );
    const checked = guesses.filter((guess) => guess.status === "fulfilled");
    expect(checked).toHaveLength(DELETE_ACCOUNT_ATTEMPTS_PER_USER.points);
    for (const guess of guesses) {
      if (guess.status === "rejected") expect(String(guess.reason)).toMatch(/Too many attempts/);
    }
  });
});

describe("deleting location data", () => {
  it("removes the user's plans and their areas now, and nothing of anyone else's", async () => {
    const { alice, bob } = await aliceUsedEverything();
    const ledger = await db().disclosure.count();
    expect(await deleteLocationData(alice.id)).toEqual({ plans: 1, standing: 1 });
    expect(await db().plan.count({ where: { userId: alice.id } })).toBe(0);
    expect(await db().standingPlan.count({ where: { userId: alice.id } })).toBe(0);
    expect(await db().plan.count({ where: { userId: bob.id } })).toBe(1);
    // The match stays, without its link to Alice's plan; what friends were told stays in the ledger.
    expect(await db().match.findMany({ select: { planLowId: true, planHighId: true } })).toEqual([
      expect.objectContaining(alice.id < bob.id ? { planLowId: null } : { planHighId: null }),
    ]);
    expect(await db().disclosure.count()).toBe(ledger);
  });

  it("is no way to tell a friend again, or to reset the daily area budget: delete, re-post, nothing new", async () => {
    const { alice, bob } = await aliceUsedEverything();
    const areas = await db().areaUse.findMany({ where: { userId: alice.id } });
    expect(areas).toHaveLength(1);
    await deleteLocationData(alice.id);
    expect(await db().areaUse.findMany({ where: { userId: alice.id } })).toEqual(areas);
    const now = new Date();
    const plan = { activity: "surfing", startsAt: now, endsAt: new Date(now.getTime() + 2 * HOUR), travelKm: 10, audience: "close" as const, note: undefined };
    expect((await postAndMatch(alice.id, { ...plan, cell: CARCAVELOS }, now)).matches).toBe(0);
    expect(await db().notification.count({ where: { userId: bob.id, type: "match" } })).toBe(1);
  });
});

describe("deleting an account with many friends", () => {
  it("succeeds and wakes every friend, however many there are", async () => {
    const alice = await person("Alice");
    // Friends inserted directly: hashing 250 passwords would only slow the test down.
    const { rows } = await pool().query<{ id: string }>(
      `INSERT INTO users (id, email, handle, display_name, password_hash)
       SELECT gen_random_uuid(), 'f' || n || '@example.com', 'f_' || n, 'Friend ' || n, 'x' FROM generate_series(1, 250) n RETURNING id`,
    );
    await pool().query(`INSERT INTO friendships (owner_id, friend_id) SELECT $1::uuid, unnest($2::uuid[]) UNION ALL SELECT unnest($2::uuid[]), $1::uuid`, [
      alice.id,
      rows.map((row) => row.id),
    ]);
    expect(await deleteAccount(alice.id, PASSWORD)).toBe(true);
    expect(await db().friendship.count()).toBe(0);
    expect(await db().user.count()).toBe(250);
  });
});

describe("deleting an account's rate-limit counters", () => {
  it("removes those kept under the account's own id and email", async () => {
    const { alice } = await aliceUsedEverything(); // posted a plan, made invites, sent requests
    const counters = async () => Number((await pool().query<{ n: string }>("SELECT count(*) AS n FROM rate_limits")).rows[0]!.n);
    const before = await counters();
    expect(await deleteAccount(alice.id, PASSWORD)).toBe(true);
    // plan, invite, friend-request and delete-account counters keyed on Alice are gone.
    expect(before - (await counters())).toBeGreaterThanOrEqual(3);
  });
});
