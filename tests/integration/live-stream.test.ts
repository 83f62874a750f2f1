import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { encode as encodeInAuthJsFormat } from "next-auth/jwt";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { env } from "@/lib/env";
import { securityHeaders } from "@/lib/security-headers";
import { encodeSessionToken } from "@/lib/session-token";
import { db, pool } from "@/lib/server/db";
import { acceptFriendRequest, sendFriendRequest } from "@/lib/server/social/friends";
import { CATCH_UP_ATTEMPTS } from "@/lib/server/live/live-stream";
import { serveLiveEvents } from "@/lib/server/live/live-stream-node";
import { sealNotificationId } from "@/lib/server/live/notification-ids";
import { NOTIFICATION_PAGE_SIZE } from "@/lib/server/live/inbox";
import { notify, wakeUsers } from "@/lib/server/live/notifications";
import { transaction } from "@/lib/server/sql";
import { createSession, deleteSession } from "@/lib/server/auth/sessions";
import { closeDatabase, refuseConnections, resetDatabase } from "../support/db";
import { cookieFor, openStream, SESSION_COOKIE as COOKIE, signedIn, waitFor, type Opened } from "../support/live-streams";
import { person, type Person } from "../support/people";

// The live stream as the production server serves it (scripts/server.mjs hands GET /api/events to
// `serveLiveEvents`, outside Next.js): an attacker's view first — no cookie, forged, stale and
// deleted sessions get the signed-out answer and nothing else — then delivery and cleanup.

type Hub = { listeners: Map<string, Set<unknown>> };
const hub = () => (globalThis as typeof globalThis & { __realtime?: Hub }).__realtime;
/** The LISTEN connection of realtime-postgres.ts (the default engine, which these tests run on). */
const listener = () => (globalThis as typeof globalThis & { __realtimePostgres?: { client?: { end(): Promise<void> } } }).__realtimePostgres?.client;

/** The Last-Event-ID of a browser that has seen none of `user`'s notifications: replay everything. */
const fromStart = (user: { id: string }) => sealNotificationId(user.id, 0n);
const SEALED = "[A-Za-z0-9_-]{22}";

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => serveLiveEvents(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await listener()?.end();
  await closeDatabase();
});
beforeEach(resetDatabase);

const open: Opened[] = [];
afterEach(() => {
  for (const stream of open.splice(0)) stream.close();
});

/** Opens GET (or `method`) /api/events with these headers; closed after each test. */
async function get(headers: Record<string, string> = {}, path = "/api/events", method = "GET"): Promise<Opened> {
  const opened = await openStream(`${base}${path}`, headers, method);
  open.push(opened);
  return opened;
}

async function notifyFriendRequest(to: Person, from: Person): Promise<void> {
  await transaction((tx) => notify(tx, [{ userId: to.id, type: "friend_request", actorId: from.id }]));
}

function expectSignedOut(response: Opened) {
  expect(response.status).toBe(401);
  expect(response.headers["content-type"]).toMatch(/^text\/plain/);
  expect(response.text()).toBe("Sign in to receive live notifications.");
}

describe("live stream served outside Next.js: who gets nothing", () => {
  it("answers 401 without a cookie, with a forged one, and with a garbled Cookie header", async () => {
    for (const cookie of [undefined, `${COOKIE}=forged.value.here`, `${COOKIE}=%E0%A4%A; ;=;${COOKIE}`, "=; ; ;"]) {
      const response = await get(cookie === undefined ? {} : { cookie });
      await waitFor(() => response.text().length > 0, "the 401 body");
      expectSignedOut(response);
    }
    expect(hub()?.listeners.size ?? 0).toBe(0);
  });

  it("answers 401 to validly encrypted cookies without a live session row, and streams nothing", async () => {
    const { user, cookie: stale, sessionId } = await signedIn("Stale");
    const friend = await person("Friend");
    await notifyFriendRequest(user, friend);
    await db().session.update({ where: { id: sessionId }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    const forged = [
      stale, // expired row
      await cookieFor({ sub: user.id, name: "Stale" }), // a user id alone names no session
      await cookieFor({ sid: "no-such-session", user: { id: user.id, displayName: "x", handle: "x" } }),
    ];
    for (const cookie of forged) {
      const response = await get({ cookie, "last-event-id": fromStart(user) });
      await waitFor(() => response.text().length > 0, "the 401 body");
      expectSignedOut(response);
      expect(response.text()).not.toContain("Friend");
    }
  });

  it("answers 401 to a live session's id in Auth.js's default format or under another secret", async () => {
    const { user, cookie, sessionId } = await signedIn("Holder");
    const friend = await person("Friend");
    await notifyFriendRequest(user, friend);
    const forged = [
      // What the app wrote before its own format: the same secret and claims no longer sign anyone in.
      `${COOKIE}=${await encodeInAuthJsFormat({ token: { sid: sessionId }, secret: env().AUTH_SECRET, salt: COOKIE })}`,
      `${COOKIE}=${await encodeSessionToken({ token: { sid: sessionId }, secret: `${env().AUTH_SECRET}-other`, salt: COOKIE })}`,
    ];
    for (const forgedCookie of forged) {
      const response = await get({ cookie: forgedCookie, "last-event-id": fromStart(user) });
      await waitFor(() => response.text().length > 0, "the 401 body");
      expectSignedOut(response);
      expect(response.text()).not.toContain("Friend");
    }
    // The session itself is live: its own cookie is streamed to.
    const stream = await get({ cookie, "last-event-id": fromStart(user) });
    expect(stream.status).toBe(200);
  });

  it("a deleted account's old cookie gets 401 and none of what its inbox held", async () => {
    const { user, cookie } = await signedIn("Leaving");
    const friend = await person("Stays");
    await notifyFriendRequest(user, friend);
    const before = await get({ cookie, "last-event-id": fromStart(user) });
    await waitFor(() => before.text().includes("Stays sent you a friend request"), "the notification");
    await db().user.delete({ where: { id: user.id } });

    const after = await get({ cookie, "last-event-id": fromStart(user) });
    await waitFor(() => after.text().length > 0, "the 401 body");
    expectSignedOut(after);
  });
});

describe("live stream served outside Next.js: delivery", () => {
  it("sends the same headers as every other response, catches up from Last-Event-ID and then streams live", async () => {
    const { user, cookie } = await signedIn("Reader");
    const friend = await person("Sender Friend");
    await notifyFriendRequest(user, friend);

    const stream = await get({ cookie, "last-event-id": fromStart(user) });
    expect(stream.status).toBe(200);
    expect(stream.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(stream.headers["cache-control"]).toBe("no-cache, no-transform");
    expect(stream.headers["x-accel-buffering"]).toBe("no");
    for (const { key, value } of securityHeaders()) expect(stream.headers[key.toLowerCase()]).toBe(value);

    await waitFor(() => stream.text().includes("event: notification"), "the missed notification");
    expect(stream.text().startsWith(`retry: 3000\nid: ${fromStart(user)}\nevent: ready\ndata: {}\n\n`)).toBe(true);
    expect(stream.text()).toContain("Sender Friend sent you a friend request");
    expect(stream.text()).toMatch(new RegExp(`^id: ${SEALED}$`, "m"));

    // Live: a new notification arrives through NOTIFY; a wake-up with nothing new says "changed".
    await notifyFriendRequest(user, friend);
    await waitFor(() => (stream.text().match(/event: notification/g) ?? []).length === 2, "the live notification");
    await transaction((tx) => wakeUsers(tx, [user.id]));
    await waitFor(() => stream.text().includes("event: changed"), "the changed event");
  });

  it("a friend request, and its acceptance, reach the open streams at once", async () => {
    const { user: reader, cookie } = await signedIn("Open Page");
    const { user: sender, cookie: senderCookie } = await signedIn("Asker");
    const [readerStream, senderStream] = [await get({ cookie }), await get({ cookie: senderCookie })];
    await waitFor(() => readerStream.text().includes("retry: 3000") && senderStream.text().includes("retry: 3000"), "the streams to open");
    await sendFriendRequest(sender.id, reader.handle);
    await waitFor(() => readerStream.text().includes("Asker sent you a friend request"), "the request, live");
    const [request] = await db().friendRequest.findMany({ where: { senderId: sender.id }, select: { id: true } });
    await acceptFriendRequest(reader.id, request!.id);
    await waitFor(() => senderStream.text().includes("Open Page accepted your friend request"), "the acceptance, live");
  });

  it(`a reconnect more than a page (${NOTIFICATION_PAGE_SIZE}) behind gets everything it missed, in order, once`, async () => {
    const { user, cookie } = await signedIn("Long Outage");
    const friend = await person("Chatty Friend");
    const missed = 2 * NOTIFICATION_PAGE_SIZE + 7;
    for (let i = 0; i < missed; i++) await notifyFriendRequest(user, friend);
    const stored = await db().notification.findMany({ where: { userId: user.id }, orderBy: { id: "asc" }, select: { id: true } });

    const stream = await get({ cookie, "last-event-id": fromStart(user) });
    const sentIds = () => [...stream.text().matchAll(new RegExp(`^id: (${SEALED})\nevent: notification$`, "gm"))].map((m) => m[1]);
    await waitFor(() => sentIds().length >= missed, `all ${missed} missed notifications`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sentIds()).toEqual(stored.map((row) => sealNotificationId(user.id, row.id)));
  });

  it("a Last-Event-ID that names nothing of the user's (made up, huge, someone else's) starts from now and streams", async () => {
    const { user, cookie } = await signedIn("Odd Ids");
    const { user: other } = await signedIn("Someone Else");
    const friend = await person("Fresh News");
    await notifyFriendRequest(user, friend); // before: not replayed
    for (const lastEventId of ["99999999999999999999", "-1", "0", "x".repeat(5_000), fromStart(other)]) {
      const stream = await get({ cookie, "last-event-id": lastEventId });
      expect(stream.status).toBe(200);
      await waitFor(() => stream.text().includes("event: ready"), "the stream to open");
      stream.close();
      expect(stream.text()).not.toContain("event: notification");
    }
    const last = await get({ cookie, "last-event-id": "18446744073709551616" });
    await waitFor(() => last.text().includes("event: ready"), "the stream to open");
    await notifyFriendRequest(user, friend);
    await waitFor(() => last.text().includes("event: notification"), "a live notification");
  });

  it("a new stream starts from now; `lastEventId` in the query works like the header", async () => {
    const { user, cookie } = await signedIn("Query");
    const friend = await person("Old News");
    await notifyFriendRequest(user, friend);

    const fresh = await get({ cookie });
    await waitFor(() => fresh.text().includes("retry: 3000"), "the stream to open");
    const resumed = await get({ cookie }, `/api/events?lastEventId=${fromStart(user)}`);
    await waitFor(() => resumed.text().includes("event: notification"), "the caught-up notification");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fresh.text()).not.toContain("event: notification");
  });

  it("a stream whose session ends sends nothing more: signed out elsewhere, or the account disabled", async () => {
    const friend = await person("Late News");
    for (const end of ["sign-out", "disable"] as const) {
      const { user, cookie, sessionId } = await signedIn(`Ended by ${end}`);
      const stream = await get({ cookie });
      await waitFor(() => stream.text().includes("retry: 3000"), "the stream to open");
      await notifyFriendRequest(user, friend);
      await waitFor(() => stream.text().includes("event: notification"), "the notification while signed in");

      if (end === "sign-out") await deleteSession(sessionId);
      else await db().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
      await notifyFriendRequest(user, friend);
      await waitFor(() => stream.ended(), "the stream to close");
      expect(stream.text().match(/event: notification/g)).toHaveLength(1);
      await waitFor(() => !hub()?.listeners.has(user.id), "the subscription to be released");
    }
  });

  it("streams woken together are read together: one statement for many, each sent only its own, a signed-out one closed", async () => {
    const people = await Promise.all(Array.from({ length: 30 }, (_, n) => signedIn(`Woken Together ${n}`)));
    const senders = await Promise.all(people.map((_, n) => person(`Sender Number ${n}`)));
    const streams = await Promise.all(people.map(({ cookie }) => get({ cookie })));
    await waitFor(() => streams.every((stream) => stream.text().includes("event: ready")), "the streams to open");
    // One of them signs out in between: its stream closes; the batch it is read with goes on.
    await deleteSession(people[7]!.sessionId);
    await db().notification.createMany({ data: people.map(({ user }, n) => ({ userId: user.id, type: "friend_request" as const, actorId: senders[n]!.id })) });
    const reads = vi.spyOn(pool(), "query");
    await transaction((tx) =>
      wakeUsers(
        tx,
        people.map(({ user }) => user.id),
      ),
    );
    await waitFor(() => streams.every((stream, n) => (n === 7 ? stream.ended() : stream.text().includes("event: notification"))), "every stream's catch-up");
    const catchUps = reads.mock.calls.filter(
      ([query]) => typeof query === "object" && /WITH ORDINALITY AS a\(user_id/.test(String((query as { text?: string }).text)),
    );
    reads.mockRestore();
    // At most two batches run at once: the 30 wake-ups of one notification take one or two statements, not 30.
    expect(catchUps.length).toBeGreaterThanOrEqual(1);
    expect(catchUps.length).toBeLessThanOrEqual(2);
    for (const [n, stream] of streams.entries()) {
      const sentBy = [...stream.text().matchAll(/Sender Number (\d+) sent you/g)].map((match) => Number(match[1]));
      expect(sentBy, `stream ${n}`).toEqual(n === 7 ? [] : [n]);
    }
  });

  it("signing out closes that session's open stream at once, with nothing else written; the same person's other session's stream stays", async () => {
    const { user, cookie, sessionId } = await signedIn("Signs Out Here");
    const elsewhere = await cookieFor({ sid: await createSession(user.id) });
    const [here, there] = [await get({ cookie }), await get({ cookie: elsewhere })];
    await waitFor(() => here.text().includes("event: ready") && there.text().includes("event: ready"), "both streams to open");
    await deleteSession(sessionId);
    await waitFor(() => here.ended(), "the signed-out stream to close", 3_000);
    expect(there.ended()).toBe(false);
    expect(await db().notification.count({ where: { userId: user.id } })).toBe(0);
  });

  it("HEAD answers as GET would, without opening a stream", async () => {
    const { user, cookie } = await signedIn("Header Only");
    const head = await get({ cookie }, "/api/events", "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    await waitFor(() => head.ended(), "the HEAD answer to end");
    expect(head.text()).toBe("");
    expect(hub()?.listeners.has(user.id) ?? false).toBe(false);
    const stranger = await get({}, "/api/events", "HEAD");
    expect(stranger.status).toBe(401);
  });

  it("starts with an event id: a browser whose stream drops before any notification reconnects from there and misses nothing", async () => {
    const { user, cookie } = await signedIn("Quiet Page");
    const friend = await person("In The Gap");
    await notifyFriendRequest(user, friend); // old news, before the page opened
    const first = await get({ cookie });
    await waitFor(() => new RegExp(`^retry: 3000\nid: ${SEALED}\nevent: ready\n`).test(first.text()), "the stream's starting id");
    const lastEventId = new RegExp(`^id: (${SEALED})$`, "m").exec(first.text())![1]!;
    first.close();
    await notifyFriendRequest(user, friend); // made while the browser reconnects
    const again = await get({ cookie, "last-event-id": lastEventId });
    await waitFor(() => again.text().includes("event: notification"), "the notification made in the gap");
    expect(again.text().match(/event: notification/g)).toHaveLength(1);
  });

  it("keeps listening after the database refused it for longer than a moment, and open streams catch up", async () => {
    const { user, cookie } = await signedIn("Through An Outage");
    const friend = await person("During The Outage");
    const stream = await get({ cookie });
    await waitFor(() => stream.text().includes("retry: 3000"), "the stream to open");
    const [{ name }] = (await pool().query<{ name: string }>("SELECT current_database() AS name")).rows as [{ name: string }];
    // No new connection is let in for 3 s (said from another database: Postgres will not close the
    // door of the one it is in), and the listener's own connection is cut.
    const admin = new pg.Client({ connectionString: Object.assign(new URL(env().DATABASE_URL), { pathname: "/postgres" }).toString() });
    await admin.connect();
    await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
    try {
      await pool().query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1", [`LISTEN overlap_notifications`]);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      await notifyFriendRequest(user, friend); // its wake-up reaches nobody: the table has it
    } finally {
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    await waitFor(() => stream.text().includes("During The Outage sent you a friend request"), "the catch-up after the outage", 15_000);
    await waitFor(() => Boolean(listener()), "the listener to be back");
    await notifyFriendRequest(user, await person("After The Outage"));
    await waitFor(() => stream.text().includes("After The Outage sent you a friend request"), "a live notification after the outage");
  }, 30_000);

  /** Writes a friend request into `to`'s inbox and wakes their streams, on a connection of its own (not the app's pool). */
  async function notifyAside(to: Person, from: Person): Promise<void> {
    const client = new pg.Client({ connectionString: env().DATABASE_URL });
    await client.connect();
    await client.query("INSERT INTO notifications (user_id, type, actor_id) VALUES ($1, 'friend_request', $2)", [to.id, from.id]);
    await client.query("SELECT pg_notify('overlap_notifications', $1)", [JSON.stringify([to.id])]);
    await client.end();
  }

  it(`a catch-up the database refuses is tried again (${CATCH_UP_ATTEMPTS} times), not skipped`, async () => {
    const { user, cookie } = await signedIn("Busy Pool");
    const friend = await person("Sent While Busy");
    const stream = await get({ cookie });
    await waitFor(() => stream.text().includes("event: ready"), "the stream to open");
    const refusing = refuseConnections((nth) => nth < CATCH_UP_ATTEMPTS);
    await notifyAside(user, friend);
    await waitFor(() => stream.text().includes("Sent While Busy sent you a friend request"), "the notification, on the last try", 10_000);
    refusing.mockRestore();
    expect(stream.ended()).toBe(false);
  });

  it("a stream whose catch-up keeps failing is closed, and its reconnect replays what it missed", async () => {
    const { user, cookie } = await signedIn("Very Busy Pool");
    const friend = await person("Sent While Swamped");
    const stream = await get({ cookie });
    await waitFor(() => stream.text().includes("event: ready"), "the stream to open");
    const lastEventId = new RegExp(`^id: (${SEALED})$`, "m").exec(stream.text())![1]!;
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const refusing = refuseConnections(() => true);
    await notifyAside(user, friend);
    await waitFor(() => stream.ended(), "the stream to close", 10_000);
    refusing.mockRestore();
    expect(stream.text()).not.toContain("Sent While Swamped");
    expect(logged.mock.calls.flat().join("\n")).toMatch(/catch-up failed 4 times .*closing it so the browser reconnects/);
    logged.mockRestore();
    const again = await get({ cookie, "last-event-id": lastEventId });
    await waitFor(() => again.text().includes("Sent While Swamped sent you a friend request"), "the replay");
  });

  it("sends a notification whose transaction took its id first but committed last, exactly once", async () => {
    const { user, cookie } = await signedIn("Racing Inbox");
    const [early, late] = [await person("Took The Lower Id"), await person("Took The Next Id")];
    const stream = await get({ cookie });
    await waitFor(() => stream.text().includes("event: ready"), "the stream to open");
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The first writer takes its id, then stays uncommitted while a second one writes.
    const first = transaction(async (tx) => {
      await notify(tx, [{ userId: user.id, type: "friend_accepted", actorId: early.id }]);
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = transaction((tx) => notify(tx, [{ userId: user.id, type: "friend_accepted", actorId: late.id }]));
    await new Promise((resolve) => setTimeout(resolve, 500)); // time for the second to commit, were it let through
    release();
    await Promise.all([first, second]);
    await waitFor(() => stream.text().includes("Took The Lower Id accepted") && stream.text().includes("Took The Next Id accepted"), "both notifications");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stream.text().match(/event: notification/g)).toHaveLength(2);
    expect(stream.text().indexOf("Took The Lower Id")).toBeLessThan(stream.text().indexOf("Took The Next Id"));
  });

  it("a closed stream releases its subscription", async () => {
    const { user, cookie } = await signedIn("Leaver");
    const stream = await get({ cookie });
    await waitFor(() => stream.text().includes("retry: 3000"), "the stream to open");
    expect(hub()?.listeners.get(user.id)?.size).toBe(1);
    stream.close();
    await waitFor(() => !hub()?.listeners.has(user.id), "the subscription to be released");
  });
});
