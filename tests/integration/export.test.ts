import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createStandingPlan } from "@/lib/server/plans/standing";
import { GET, HEAD } from "@/app/api/export/route";
import { snapToCell } from "@/lib/geo";
import { currentUser } from "@/lib/server/auth/auth";
import { blockUser } from "@/lib/server/social/blocks";
import { db, pool } from "@/lib/server/db";
import { acceptFriendRequest, sendFriendRequest, setCloseFriend } from "@/lib/server/social/friends";

import { acceptInvite, createInvite } from "@/lib/server/social/invites";
import { PAIR_COOLDOWN_MS } from "@/lib/server/plans/matcher";
import { sendMessage } from "@/lib/server/matches/messages";
import { collectUserData, type UserData } from "@/lib/server/privacy/my-data";
import { EXPORTS_PER_USER } from "@/lib/server/rate-limit";
import { createSession } from "@/lib/server/auth/sessions";
import { countRowsReferencing, tablesInSchema, userReferences } from "../support/catalogue";
import { closeDatabase, resetDatabase } from "../support/db";
import { person, type Person } from "../support/people";
import { postAndMatch } from "../support/plans";

// The route handler reads the session through next-auth; here the test says who is signed in.
vi.mock("@/lib/server/auth/auth", () => ({ currentUser: vi.fn() }));

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const carcavelos = snapToCell(38.6786, -9.3357, 7);
const cascais = snapToCell(38.6979, -9.4215, 7); // ~8 km away: Bob's area, which Alice must never see

type World = { alice: Person; others: Record<"bob" | "carol" | "dan" | "erin" | "frank" | "gina" | "hank", Person>; sessionId: string };
let world: World;
let data: UserData;

async function friendsByRequest(from: Person, to: Person) {
  await sendFriendRequest(from.id, to.handle);
  const request = await db().friendRequest.findFirstOrThrow({ where: { senderId: from.id, recipientId: to.id } });
  await acceptFriendRequest(to.id, request.id);
}

function post(who: Person, activity: string, cell: string, now = new Date()) {
  return postAndMatch(
    who.id,
    { activity, startsAt: now, endsAt: new Date(now.getTime() + 2 * HOUR), cell, travelKm: 10, audience: "close", note: undefined },
    now,
  );
}

// Alice touches every feature; the others are there so that what is *theirs* can be shown to stay out.
async function buildWorld(): Promise<World> {
  const alice = await person("Alice Subject");
  const names = ["bob", "carol", "dan", "erin", "frank", "gina", "hank"] as const;
  const others = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await person(`${name} Other`)]))) as World["others"];
  const { bob, carol, dan, erin, frank, gina, hank } = others;
  await db().user.update({ where: { id: alice.id }, data: { planRetentionHours: 24, notificationRetentionDays: 30, ledgerRetentionDays: 90 } });

  await friendsByRequest(alice, bob); // Alice's inbox: Bob accepted
  await setCloseFriend(alice.id, bob.id, true);
  await setCloseFriend(bob.id, alice.id, true);
  await acceptInvite(alice.id, (await createInvite(carol.id)).token); // Carol's inbox: Alice accepted
  await setCloseFriend(carol.id, alice.id, true); // Carol's private mark: not Alice's to see
  await acceptInvite(dan.id, (await createInvite(alice.id)).token); // Alice's inbox: Dan accepted
  await createInvite(alice.id); // withdrawn below, when Alice blocks Gina
  await sendFriendRequest(alice.id, erin.handle); // pending, sent
  await sendFriendRequest(frank.id, alice.handle); // pending, received: in Alice's inbox
  await sendFriendRequest(gina.id, alice.handle);
  await blockUser(alice.id, gina.id);
  await sendFriendRequest(hank.id, alice.handle);
  await blockUser(hank.id, alice.id); // Hank's private fact

  await post(alice, "surfing", carcavelos);
  await post(alice, "tennis", carcavelos);
  // A standing plan each: Alice's is hers to see; Bob's is not.
  const saturdays = {
    activity: "surfing",
    cell: carcavelos,
    days: [6],
    from: 420,
    to: 600,
    timeZone: "Europe/Lisbon",
    lastOn: null,
    travelKm: 10,
    audience: "close" as const,
  };
  await createStandingPlan(alice.id, saturdays);
  await createStandingPlan(bob.id, { ...saturdays, cell: cascais });
  // Bob's surfing plans use all three areas a day allows (two far away), so his plan checked against
  // Alice's writes a probe notice in her ledger — naming nobody.
  await post(bob, "surfing", snapToCell(41.1496, -8.611, 7));
  await post(bob, "surfing", snapToCell(37.0194, -7.9304, 7));
  await post(bob, "surfing", cascais); // the match: a ledger row each way and a notification each
  // Alice suggests where to meet: her message, and a second row in her ledger.
  const match = await db().match.findFirstOrThrow({ select: { id: true } });
  await sendMessage(alice.id, match.id, "spot", "Steamer Lane, north end");
  const sessionId = await createSession(alice.id);
  await createSession(bob.id);
  await db().pushSubscription.create({
    data: {
      userId: alice.id,
      endpoint: "https://fcm.googleapis.com/fcm/send/alice-phone",
      p256dh: "BAlicePhoneKey",
      auth: "alice-auth",
      label: "Chrome on Android",
    },
  });
  return { alice, others, sessionId };
}

beforeAll(async () => {
  await resetDatabase();
  world = await buildWorld();
  data = await collectUserData(world.alice.id);
});
afterAll(closeDatabase);

const iso = (date: Date) => date.toISOString();
const handles = (people: { handle: string }[]) => people.map((p) => p.handle).sort();

describe("collectUserData: the user's own rows, counted, with when each is deleted", () => {
  it("has every section with the scenario's counts", () => {
    const counts = Object.fromEntries(Object.entries(data).map(([name, section]) => [name, section.count]));
    expect(counts).toEqual({
      account: 1,
      sessions: 1,
      pushDevices: 1,
      friends: 3,
      friendRequestsSent: 1,
      friendRequestsReceived: 1,
      blocks: 1,
      invitesCreated: 2,
      invitesAccepted: 1,
      plans: 2,
      standingPlans: 1,
      areaUses: 1,
      matches: 1,
      matchAnswers: 1,
      matchMessages: 1,
      notifications: 4,
      ledger: 2,
      probeNotices: 1,
      toldToMe: 1,
      rateLimits: 0,
    });
    expect(data.rateLimits.note).toMatch(/HMAC/);
    for (const [name, section] of Object.entries(data)) {
      if ("items" in section) expect(section.items, name).toHaveLength(section.count);
    }
  });

  it("lists the areas the user's plans used as keyed hashes, and a probe notice that names nobody", () => {
    const [use] = data.areaUses.items;
    expect(use?.areaKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(use?.activities).toEqual(["surfing", "tennis"]);
    expect(JSON.stringify(data.areaUses)).not.toContain(carcavelos);
    expect(use?.deletesAt).toBe(iso(new Date(Date.parse(use!.lastUsedAt) + DAY)));
    const notices = JSON.stringify(data.probeNotices);
    expect(data.probeNotices.items[0]).toMatchObject({ activity: "surfing", areas: 3 });
    for (const trace of [world.others.bob.id, world.others.bob.handle, world.others.bob.displayName, cascais]) expect(notices).not.toContain(trace);
  });

  it("names the people involved and only the user's own marks", () => {
    const { bob, carol, dan, erin, frank, gina } = world.others;
    const friends = Object.fromEntries(data.friends.items.map((f) => [f.friend.handle, f]));
    expect(Object.keys(friends).sort()).toEqual(handles([bob, carol, dan]));
    // Exactly these fields: Alice's mark on Bob is there, Carol's and Bob's marks on Alice are not.
    expect(friends[bob.handle]).toEqual({
      friend: { displayName: bob.displayName, handle: bob.handle },
      close: true,
      since: expect.any(String),
      deletesAt: null,
    });
    expect(friends[carol.handle]).toMatchObject({ close: false });
    expect(data.friendRequestsSent.items.map((r) => r.to.handle)).toEqual([erin.handle]);
    expect(data.friendRequestsReceived.items.map((r) => r.from.handle)).toEqual([frank.handle]);
    expect(data.blocks.items.map((b) => b.blocked.handle)).toEqual([gina.handle]);
    expect(data.invitesCreated.items.map((i) => i.status).sort()).toEqual(["used", "withdrawn"]);
    expect(data.invitesCreated.items.find((i) => i.status === "used")?.acceptedBy?.handle).toBe(dan.handle);
    expect(data.invitesAccepted.items.map((i) => i.from.handle)).toEqual([carol.handle]);
    expect(data.plans.items.map((i) => i.activity).sort()).toEqual(["surfing", "tennis"]);
    expect(data.plans.items.every((i) => i.cell === carcavelos && i.area?.precision === "Neighbourhood")).toBe(true);
    expect(data.matches.items).toEqual([expect.objectContaining({ activity: "surfing", with: { displayName: bob.displayName, handle: bob.handle } })]);
    // Newest first: the spot Alice suggested, word for word, then what the match told Bob.
    expect(data.ledger.items).toEqual([
      expect.objectContaining({ activity: "surfing", said: "Steamer Lane, north end", toldTo: { displayName: bob.displayName, handle: bob.handle } }),
      expect.objectContaining({ activity: "surfing", said: null, toldTo: { displayName: bob.displayName, handle: bob.handle } }),
    ]);
    expect(data.matchMessages.items).toEqual([expect.objectContaining({ activity: "surfing", kind: "spot", body: "Steamer Lane, north end" })]);
    expect(data.toldToMe.items).toEqual([expect.objectContaining({ activity: "surfing", about: { displayName: bob.displayName, handle: bob.handle } })]);
    expect(data.notifications.items.map((n) => n.text).sort()).toEqual(
      [
        `${bob.displayName} accepted your friend request`,
        `${dan.displayName} accepted your invite — you’re now friends`,
        `${frank.displayName} sent you a friend request`,
        `${bob.displayName} is up for surfing too — in your area`,
      ].sort(),
    );
    expect(data.account.items[0]).toMatchObject({ id: world.alice.id, handle: world.alice.handle, planRetentionHours: 24, ledgerRetentionDays: 90 });
  });

  it("says when each item is deleted, by the user's own retention settings", async () => {
    const alice = world.alice.id;
    const [plans, notifications, ledger, toldToMe, invites, accepted, sessions, [match]] = await Promise.all([
      db().plan.findMany({ where: { userId: alice } }),
      db().notification.findMany({ where: { userId: alice } }),
      db().disclosure.findMany({ where: { subjectId: alice } }),
      db().disclosure.findMany({ where: { recipientId: alice } }),
      db().invite.findMany({ where: { inviterId: alice } }),
      db().invite.findMany({ where: { acceptedById: alice } }),
      db().session.findMany({ where: { userId: alice } }),
      db().match.findMany({ where: { OR: [{ userLowId: alice }, { userHighId: alice }] } }),
    ]);
    const times = (items: { deletesAt: string | null }[]) => items.map((item) => item.deletesAt).sort();
    const expected = (rows: Date[], plus = 0) => rows.map((date) => iso(new Date(date.getTime() + plus))).sort();
    expect(times(data.plans.items)).toEqual(
      expected(
        plans.map((r) => r.endsAt),
        24 * HOUR,
      ),
    );
    expect(times(data.notifications.items)).toEqual(
      expected(
        notifications.map((r) => r.createdAt),
        30 * DAY,
      ),
    );
    expect(times(data.ledger.items)).toEqual(
      expected(
        ledger.map((r) => r.createdAt),
        90 * DAY,
      ),
    );
    // Kept by the *friend's* ledger setting, which is theirs: the latest it could be.
    expect(times(data.toldToMe.items)).toEqual(
      expected(
        toldToMe.map((r) => r.createdAt),
        90 * DAY,
      ),
    );
    expect(times(data.invitesCreated.items)).toEqual(expected(invites.map((r) => r.expiresAt)));
    expect(times(data.invitesAccepted.items)).toEqual(expected(accepted.map((r) => r.expiresAt)));
    expect(times(data.sessions.items)).toEqual(expected(sessions.map((r) => r.expiresAt)));
    // With the plans: Alice's surfing plan outlives the cooldown, so its deletion bounds the match's.
    const surfing = plans.find((i) => i.activity === "surfing")!;
    expect(surfing.endsAt.getTime() + 24 * HOUR).toBeGreaterThan(match!.createdAt.getTime() + PAIR_COOLDOWN_MS);
    expect(times(data.matches.items)).toEqual(expected([surfing.endsAt], 24 * HOUR));
    for (const name of ["account", "friends", "friendRequestsSent", "friendRequestsReceived", "blocks"] as const) {
      expect(times(data[name].items), name).toEqual(data[name].items.map(() => null));
    }
  });
});

describe("collectUserData: nothing private of anyone else", () => {
  it("holds no other person's email, id, plan, area, settings, or the fact that someone blocked the user", async () => {
    const text = JSON.stringify(data);
    const others = await db().user.findMany({ where: { id: { not: world.alice.id } }, select: { id: true, email: true } });
    for (const other of others) {
      expect(text).not.toContain(other.email);
      expect(text).not.toContain(other.id);
    }
    expect(text).not.toContain(cascais);
    const { hank } = world.others;
    expect(text).not.toContain(hank.handle);
    expect(text).not.toContain(hank.displayName);
    // Only the user's own account row and settings.
    expect(data.account.items.map((a) => a.id)).toEqual([world.alice.id]);
  });

  it("holds no secret: not the session id, the password hash or an invite's token hash", async () => {
    const text = JSON.stringify(data);
    expect(text).not.toContain(world.sessionId);
    expect(text).not.toMatch(/\$argon2/);
    for (const { tokenHash } of await db().invite.findMany({ select: { tokenHash: true } })) expect(text).not.toContain(tokenHash);
  });

  it("exports every column of the user's row except the password hash", async () => {
    const { rows } = await pool().query<{ name: string }>(
      "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'users'",
    );
    const camel = (name: string) => name.replace(/_([a-z])/g, (_m, letter: string) => letter.toUpperCase());
    const expected = rows.map((row) => camel(row.name)).filter((name) => name !== "passwordHash");
    expect(Object.keys(data.account.items[0]!).sort()).toEqual([...expected, "deletesAt"].sort());
  });
});

// Every (table, column) that refers to a user must be exported — or withheld for a stated reason.
// A new table (or column) that points at users fails here until the export covers it.
type Section = Exclude<keyof UserData, "rateLimits">;
type Coverage = { columns: string[] } & ({ section: Section } | { withheld: string });
const COVERAGE: Record<string, Coverage[]> = {
  users: [{ columns: ["id"], section: "account" }],
  sessions: [{ columns: ["user_id"], section: "sessions" }],
  push_subscriptions: [{ columns: ["user_id"], section: "pushDevices" }],
  // friend_id: each friend's mirror row. The friendship is exported from the user's own row; the mirror's close mark is the friend's.
  friendships: [
    { columns: ["owner_id"], section: "friends" },
    { columns: ["friend_id"], section: "friends" },
  ],
  friend_requests: [
    { columns: ["sender_id"], section: "friendRequestsSent" },
    { columns: ["recipient_id"], section: "friendRequestsReceived" },
  ],
  blocks: [
    { columns: ["blocker_id"], section: "blocks" },
    { columns: ["blocked_id"], withheld: "that someone blocked you is the blocker's private fact" },
  ],
  invites: [
    { columns: ["inviter_id"], section: "invitesCreated" },
    { columns: ["accepted_by_id"], section: "invitesAccepted" },
  ],
  plans: [{ columns: ["user_id"], section: "plans" }],
  standing_plans: [{ columns: ["user_id"], section: "standingPlans" }],
  area_uses: [{ columns: ["user_id"], section: "areaUses" }],
  probe_notices: [{ columns: ["user_id"], section: "probeNotices" }],
  // The asker of an ask is always one of its two people.
  matches: [{ columns: ["user_low_id", "user_high_id", "asker_id"], section: "matches" }],
  match_members: [{ columns: ["user_id"], section: "matchAnswers" }],
  match_messages: [{ columns: ["sender_id"], section: "matchMessages" }],
  disclosures: [
    { columns: ["subject_id"], section: "ledger" },
    { columns: ["recipient_id"], section: "toldToMe" },
  ],
  // actor_id: what a friend's inbox says about the user is exported as the ledger, requests and friendships;
  // the inbox itself (still there? read?) follows the friend's own settings and is theirs.
  notifications: [
    { columns: ["user_id"], section: "notifications" },
    { columns: ["actor_id"], withheld: "another person's inbox" },
  ],
};
/** Tables with no column referring to a user, and why they hold nothing attributable. */
const NO_USER_COLUMN: Record<string, string> = {
  rate_limits: "keys are HMACs; see the export's rateLimits note",
  push_deliveries: "delivery attempts of the user's own notifications to the user's own devices (both exported); deleted with either",
};

describe("the catalogue walk: every table that refers to a user is in the export", () => {
  it("covers exactly the foreign keys to users(id), and every table is either covered or holds nothing attributable", async () => {
    const found = (await userReferences()).map((ref) => `${ref.table}.${ref.column}`);
    const covered = Object.entries(COVERAGE).flatMap(([table, parts]) => parts.flatMap((part) => part.columns.map((column) => `${table}.${column}`)));
    expect(found.sort()).toEqual(covered.filter((key) => key !== "users.id").sort());
    expect(await tablesInSchema()).toEqual([...Object.keys(COVERAGE), ...Object.keys(NO_USER_COLUMN)].sort());
  });

  it("has as many items in each section as the table has rows referring to the user", async () => {
    const references = await userReferences();
    for (const table of new Set(["users", ...references.map((ref) => ref.table)])) {
      const parts = COVERAGE[table] ?? [];
      for (const { column } of references.filter((ref) => ref.table === table)) {
        expect(
          parts.some((part) => part.columns.includes(column)),
          `${table}.${column} refers to users(id) but has no export section`,
        ).toBe(true);
      }
      for (const part of parts) {
        const rows = await countRowsReferencing(table, part.columns, world.alice.id);
        const where = `${table}.${part.columns.join("|")}`;
        // The scenario must reach every table, or this proves nothing about it.
        expect(rows, `${where}: the scenario holds no row`).toBeGreaterThan(0);
        if ("section" in part) expect(data[part.section].items, where).toHaveLength(rows);
      }
    }
  });
});

describe("GET /api/export", () => {
  it("answers 401 in JSON when nobody is signed in", async () => {
    vi.mocked(currentUser).mockResolvedValueOnce(null);
    const response = await GET(download());
    expect(response.status).toBe(401);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ error: expect.any(String) });
  });

  it("downloads the signed-in user's data as one JSON file", async () => {
    const { alice } = world;
    vi.mocked(currentUser).mockResolvedValueOnce({ id: alice.id, displayName: alice.displayName, handle: alice.handle });
    const response = await GET(download());
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="overlap-export-\d{4}-\d{2}-\d{2}\.json"$/);
    const body = await response.json();
    expect(body).toMatchObject({ format: "overlap-export/1", exportedAt: expect.any(String) });
    expect(response.headers.get("content-disposition")).toContain(body.exportedAt.slice(0, 10));
    const expected = JSON.parse(JSON.stringify(await collectUserData(alice.id, new Date(body.exportedAt))));
    expect(body).toEqual({ exportedAt: body.exportedAt, format: "overlap-export/1", ...expected });
  });

  it("HEAD answers without building the file or counting a download", async () => {
    const { alice } = world;
    await pool().query("DELETE FROM rate_limits");
    vi.mocked(currentUser).mockResolvedValueOnce({ id: alice.id, displayName: alice.displayName, handle: alice.handle });
    const head = await HEAD();
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    expect(await db().rateLimit.count()).toBe(0);
    vi.mocked(currentUser).mockResolvedValueOnce(null);
    expect((await HEAD()).status).toBe(401);
  });

  it("lets at most 10 downloads through when they are all asked for at once", async () => {
    const { alice } = world;
    await pool().query("DELETE FROM rate_limits");
    vi.mocked(currentUser).mockResolvedValue({ id: alice.id, displayName: alice.displayName, handle: alice.handle });
    try {
      const answers = await Promise.all(Array.from({ length: 25 }, () => GET(download())));
      expect(answers.filter((answer) => answer.status === 200)).toHaveLength(EXPORTS_PER_USER.points);
      expect(answers.filter((answer) => answer.status === 429)).toHaveLength(25 - EXPORTS_PER_USER.points);
    } finally {
      vi.mocked(currentUser).mockReset();
    }
  });

  it("is refused with 429 after 10 downloads in an hour, for that user only", async () => {
    const {
      alice,
      others: { bob },
    } = world;
    await pool().query("DELETE FROM rate_limits");
    const as = (p: Person) => vi.mocked(currentUser).mockResolvedValueOnce({ id: p.id, displayName: p.displayName, handle: p.handle });
    for (let n = 0; n < EXPORTS_PER_USER.points; n++) {
      as(alice);
      expect((await GET(download())).status, `download ${n + 1}`).toBe(200);
    }
    as(alice);
    const refused = await GET(download());
    expect(refused.status).toBe(429);
    expect(refused.headers.get("cache-control")).toBe("no-store");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = await refused.json();
    expect(body).toEqual({ error: expect.stringMatching(/^Too many attempts/) });
    expect(JSON.stringify(body)).not.toContain(alice.handle);
    as(bob);
    expect((await GET(download())).status).toBe(200);
  });

  it("refuses a download started from another site, without building it or counting it", async () => {
    const { alice } = world;
    await pool().query("DELETE FROM rate_limits");
    for (const site of ["cross-site", "same-site"]) {
      vi.mocked(currentUser).mockResolvedValueOnce({ id: alice.id, displayName: alice.displayName, handle: alice.handle });
      const refused = await GET(download(site));
      expect(refused.status, site).toBe(403);
      expect(refused.headers.get("cache-control")).toBe("no-store");
      expect(await refused.json()).toEqual({ error: expect.stringMatching(/data page/) });
    }
    expect(await db().rateLimit.count()).toBe(0);
    for (const site of ["same-origin", "none"]) {
      vi.mocked(currentUser).mockResolvedValueOnce({ id: alice.id, displayName: alice.displayName, handle: alice.handle });
      expect((await GET(download(site))).status, site).toBe(200);
    }
  });
});

/** A GET of the export as a browser sends it (`from` is its Sec-Fetch-Site), or as a client that sends none. */
function download(from?: string) {
  return new Request("http://localhost/api/export", { headers: from ? { "sec-fetch-site": from } : {} });
}

describe("someone who blocked the user after a match", () => {
  it("appears in the user's history as a former contact, never by name or handle", async () => {
    await resetDatabase();
    const [alice, ivan] = [await person("Alice Blocked"), await person("Ivan Blocker")];
    await friendsByRequest(alice, ivan);
    await setCloseFriend(alice.id, ivan.id, true);
    await setCloseFriend(ivan.id, alice.id, true);
    await post(alice, "surfing", carcavelos);
    await post(ivan, "surfing", cascais);
    await blockUser(ivan.id, alice.id);

    const seen = await collectUserData(alice.id);
    expect(seen.matches.items[0]?.with).toEqual({ displayName: "A former contact", handle: "" });
    expect(seen.toldToMe.items[0]?.about).toEqual({ displayName: "A former contact", handle: "" });
    expect(seen.ledger.items[0]?.toldTo).toEqual({ displayName: "A former contact", handle: "" });
    expect(JSON.stringify(seen)).not.toContain(ivan.handle);
    expect(JSON.stringify(seen)).not.toContain("Ivan");

    // The blocker's own records agree with each other: the person named in "People you blocked" is
    // named in the history too (a removal, where nobody knows who removed whom, stays anonymous).
    const own = await collectUserData(ivan.id);
    const alicePerson = { displayName: alice.displayName, handle: alice.handle };
    expect(own.blocks.items[0]?.blocked).toEqual(alicePerson);
    expect(own.matches.items[0]?.with).toEqual(alicePerson);
    expect(own.toldToMe.items[0]?.about).toEqual(alicePerson);
    expect(own.ledger.items[0]?.toldTo).toEqual(alicePerson);
  });
});
