import pg from "pg";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { env } from "@/lib/env";
import { DatabaseBusyError, db } from "@/lib/server/db";

import { sealNotificationId } from "@/lib/server/live/notification-ids";
import { MAX_ATTEMPTS, runPushDelivery } from "@/lib/server/push/delivery";
import { QUEUE_BATCH, queuePushBatch } from "@/lib/server/push/queue";
import { BACKGROUND_JOBS, PUSH_EVERY_MS, repeat, wakeFor } from "@/lib/server/jobs/scheduler";
import { listDevices, removeDevice, saveSubscription } from "@/lib/server/push/subscriptions";
import { askFriends } from "@/lib/server/matches/asks";
import { answerMatch } from "@/lib/server/matches/meetups";
import { closeDatabase, refuseConnections, resetDatabase } from "../support/db";
import { person, type Person } from "../support/people";
import { startPushService } from "../support/push-service";
import { CARCAVELOS, CASCAIS } from "../support/scenario";
import { postAndMatch } from "../support/plans";
import { logStatements } from "../support/statements";

let service: Awaited<ReturnType<typeof startPushService>>;
beforeEach(async () => {
  await resetDatabase();
  service = await startPushService(env().VAPID_PUBLIC_KEY!);
});
afterEach(() => service.stop());
afterAll(closeDatabase);

const HOUR = 3_600_000;
const BURST = 1_000;

async function friendsWithoutQuietHours(...people: Person[]) {
  await db().user.updateMany({ where: { id: { in: people.map((p) => p.id) } }, data: { quietHoursStart: null, quietHoursEnd: null } });
  const [a, b] = people as [Person, Person];
  await db().friendship.createMany({
    data: [
      { ownerId: a.id, friendId: b.id, close: true },
      { ownerId: b.id, friendId: a.id, close: true },
    ],
  });
}

async function phoneOf(p: Person) {
  const device = service.device();
  await saveSubscription(p.id, { endpoint: device.endpoint, p256dh: device.p256dh, auth: device.auth, label: "Test phone", timeZone: "UTC" });
  return device;
}

async function bothWant(activity: string, a: Person, b: Person, now = new Date()) {
  const plan = { activity, startsAt: now, endsAt: new Date(now.getTime() + 2 * HOUR), travelKm: 10, audience: "close" as const, note: undefined };
  await postAndMatch(a.id, { ...plan, cell: CARCAVELOS }, now);
  await postAndMatch(b.id, { ...plan, cell: CASCAIS }, now);
}

describe("push delivery", () => {
  it("hands a match to the push service right after its commit, woken like a live stream — not at the next tick", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await friendsWithoutQuietHours(alice, bob);
    await phoneOf(alice);
    await phoneOf(bob);
    // The push job as the app runs it, but with a tick far away: only the wake-up can be in time.
    const job = { ...BACKGROUND_JOBS.find((each) => each.name === "push delivery")!, everyMs: 10 * 60_000 };
    const controller = new AbortController();
    const running = repeat(job, { signal: controller.signal, wake: wakeFor(job) });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300)); // listening
      const matched = performance.now();
      await bothWant("surfing", alice, bob);
      await expect.poll(() => service.received.length, { interval: 10, timeout: 3_000 }).toBe(2);
      expect(performance.now() - matched).toBeLessThan(3_000);
      // An answer is pushed the same way.
      const match = await db().match.findFirstOrThrow({ select: { id: true } });
      await answerMatch(bob.id, match.id, "in");
      await expect.poll(() => service.received.length, { interval: 10, timeout: 3_000 }).toBe(3);
      expect((service.received[2]!.payload as { body: string }).body).toBe("Surfing: Bob’s in");
    } finally {
      controller.abort();
      await running;
    }
  });

  it("sends a match to the reader's device, encrypted, with only what the in-app notification says", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await friendsWithoutQuietHours(alice, bob);
    const phone = await phoneOf(alice);
    await bothWant("surfing", alice, bob);

    const counts = await runPushDelivery();
    expect(counts).toMatchObject({ queued: 1, suppressed: 1, sent: 1, failed: 0 }); // Bob has no device
    expect(service.rejected).toEqual([]);
    expect(service.received).toHaveLength(1);
    const [push] = service.received;
    const notification = await db().notification.findFirstOrThrow({ where: { userId: alice.id }, select: { id: true, matchId: true } });
    expect(push!.device).toBe(phone.name);
    expect(push!.payload).toEqual({
      title: "Overlap",
      body: expect.stringMatching(/^Bob is up for surfing too — in your area · \d\d:\d\d–\d\d:\d\d$/),
      url: `/matches/${notification.matchId}`, // the match page
      tag: `n${sealNotificationId(alice.id, notification.id)}`, // the id the reader's pages show
    });
    expect(push!.topic).toBe(`n${sealNotificationId(alice.id, notification.id)}`);
    expect(push!.ttl).toBeGreaterThan(3000);
    expect(push!.ttl).toBeLessThanOrEqual(3600);
    // Nothing about where: no cell id in what was pushed.
    expect(JSON.stringify(push!.payload)).not.toMatch(/[0-9a-f]{15}/);
    // A second run sends nothing again.
    expect(await runPushDelivery()).toMatchObject({ queued: 0, sent: 0 });
    expect(service.received).toHaveLength(1);
  });

  it("removes a device whose push service answers 410 Gone (or 404)", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await friendsWithoutQuietHours(alice, bob);
    const gone = await phoneOf(alice);
    const unknown = await phoneOf(alice);
    service.answer(gone.name, [410]);
    service.answer(unknown.name, [404]);
    await bothWant("surfing", alice, bob);
    expect(await runPushDelivery()).toMatchObject({ removed: 2, sent: 0 });
    expect(await listDevices(alice.id)).toEqual([]);
  });

  it("retries a 503 with backoff and delivers exactly once", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await friendsWithoutQuietHours(alice, bob);
    const phone = await phoneOf(alice);
    service.answer(phone.name, [503, 503]);
    const now = new Date();
    await bothWant("surfing", alice, bob, now);

    expect(await runPushDelivery(now)).toMatchObject({ retried: 1, sent: 0 });
    expect(await runPushDelivery(new Date(now.getTime() + 1_000))).toMatchObject({ retried: 0, sent: 0 }); // not due yet
    expect(await runPushDelivery(new Date(now.getTime() + 16_000))).toMatchObject({ retried: 1, sent: 0 });
    expect(await runPushDelivery(new Date(now.getTime() + 50_000))).toMatchObject({ sent: 1 });
    expect(await runPushDelivery(new Date(now.getTime() + 200_000))).toMatchObject({ sent: 0, retried: 0 });
    expect(service.received).toHaveLength(1);
    const delivery = await db().pushDelivery.findFirstOrThrow({ select: { status: true, attempts: true } });
    expect(delivery).toEqual({ status: "sent", attempts: 3 });
  });

  it(`gives up after ${MAX_ATTEMPTS} failed attempts`, async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await friendsWithoutQuietHours(alice, bob);
    const phone = await phoneOf(alice);
    service.answer(phone.name, Array(10).fill(500));
    const now = new Date();
    await bothWant("surfing", alice, bob, now);
    for (let minute = 0; minute < 60; minute += 1) await runPushDelivery(new Date(now.getTime() + minute * 60_000));
    expect(await db().pushDelivery.findFirstOrThrow({ select: { status: true, attempts: true } })).toEqual({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(service.received).toHaveLength(0);
  });

  it("quiet hours, a muted activity, all push off and the daily cap keep the notification in the app only", async () => {
    const [alice, bob, carol] = [await person("Alice"), await person("Bob"), await person("Carol")];
    await friendsWithoutQuietHours(alice, bob);
    await friendsWithoutQuietHours(alice, carol);
    await phoneOf(alice);
    const hour = new Date().getUTCHours();
    // Quiet right now, in Alice's zone.
    await db().user.update({ where: { id: alice.id }, data: { quietHoursStart: hour, quietHoursEnd: (hour + 1) % 24, timeZone: "UTC" } });
    await bothWant("surfing", alice, bob);
    expect(await runPushDelivery()).toMatchObject({ sent: 0 });

    await db().user.update({ where: { id: alice.id }, data: { quietHoursStart: null, quietHoursEnd: null, mutedActivities: ["tennis"] } });
    await bothWant("tennis", alice, bob);
    expect(await runPushDelivery()).toMatchObject({ sent: 0 });

    await db().user.update({ where: { id: alice.id }, data: { mutedActivities: [], pushEnabled: false } });
    await bothWant("climbing", alice, carol);
    expect(await runPushDelivery()).toMatchObject({ sent: 0 });

    expect(service.received).toHaveLength(0);
    expect(await db().notification.count({ where: { userId: alice.id, type: "match" } })).toBe(3);
    expect(await db().notification.count({ where: { userId: alice.id, push: "suppressed" } })).toBe(3);

    // With push back on: the cap of 2 a day per friend holds for Bob, and Carol is counted apart.
    await db().user.update({ where: { id: alice.id }, data: { pushEnabled: true } });
    for (const activity of ["running", "cycling", "hiking"]) await bothWant(activity, alice, bob);
    await bothWant("yoga", alice, carol);
    await runPushDelivery();
    const bodies = service.received.map((push) => (push.payload as { body: string }).body.split(" · ")[0]);
    expect(bodies.sort()).toEqual([
      "Bob is up for cycling too — in your area",
      "Bob is up for running too — in your area",
      "Carol is up for yoga too — in your area",
    ]);
  });
});

describe("asks by push", () => {
  it("are pushed with the words the app shows (no area), and kept in the app only in quiet hours or when the activity is muted", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await friendsWithoutQuietHours(alice, bob);
    await phoneOf(bob);
    const plan = (activity: string) => ({
      activity,
      startsAt: new Date(),
      endsAt: new Date(Date.now() + 2 * HOUR),
      travelKm: 10,
      audience: "close" as const,
      cell: CARCAVELOS,
      note: undefined,
    });
    const ask = async (activity: string) => {
      const { plan: posted } = await postAndMatch(alice.id, plan(activity));
      await askFriends(alice.id, posted.id, [bob.id]);
    };
    await ask("surfing");
    await runPushDelivery();
    expect(service.received.map((push) => (push.payload as { body: string }).body.split(" · ")[0])).toEqual(["Alice asks: up for surfing?"]);

    const hour = new Date().getUTCHours();
    await db().user.update({ where: { id: bob.id }, data: { quietHoursStart: hour, quietHoursEnd: (hour + 1) % 24, timeZone: "UTC" } });
    await ask("tennis");
    await runPushDelivery();
    await db().user.update({ where: { id: bob.id }, data: { quietHoursStart: null, quietHoursEnd: null, mutedActivities: ["climbing"] } });
    await ask("climbing");
    await runPushDelivery();
    expect(service.received).toHaveLength(1);
    expect(await db().notification.count({ where: { userId: bob.id, type: "ask", push: "suppressed" } })).toBe(2);
  });
});

describe("the daily cap across processes", () => {
  it("holds when two processes queue at once: the second leaves the queue to the first, and the next run counts its pushes", async () => {
    const [reader, friend] = [await person("Reader"), await person("Friend")];
    await friendsWithoutQuietHours(reader, friend);
    await db().user.update({ where: { id: reader.id }, data: { pushDailyCapPerFriend: 1 } });
    await phoneOf(reader);
    const pending = () => db().notification.create({ data: { userId: reader.id, actorId: friend.id, type: "friend_request", push: "pending" } });
    await pending();
    // The first run stops just before writing its decisions, holding the first notification…
    let reached!: () => void;
    const atDecision = new Promise<void>((resolve) => (reached = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const original = pg.Client.prototype.query;
    let paused = false;
    vi.spyOn(pg.Client.prototype, "query").mockImplementation(function (this: pg.Client, ...args: unknown[]) {
      const text = (args[0] as { text?: string })?.text ?? "";
      if (paused || !text.includes("INSERT INTO push_deliveries")) return (original as (...a: unknown[]) => unknown).apply(this, args);
      paused = true;
      reached();
      return gate.then(() => (original as (...a: unknown[]) => unknown).apply(this, args));
    } as typeof original);
    const first = queuePushBatch(new Date(), { queued: 0, suppressed: 0 });
    await atDecision;
    // …while a second notification about the same friend arrives and another process queues.
    await pending();
    const second = queuePushBatch(new Date(), { queued: 0, suppressed: 0 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await Promise.all([first, second]);
    vi.restoreAllMocks();
    expect(await second).toBe(0); // the queue was busy: nothing decided, nothing waited for
    await queuePushBatch(new Date(), { queued: 0, suppressed: 0 }); // the job's next run
    expect(await db().notification.count({ where: { userId: reader.id, push: "queued" } })).toBe(1);
    expect(await db().notification.count({ where: { userId: reader.id, push: "suppressed" } })).toBe(1);
  });
});

describe("push under load", () => {
  // The bench's P2 load is 50 matches a second, two notifications each. Ten seconds of it, each from
  // a different friend (no daily cap applies), all to readers with a phone, through a push service
  // that takes 150 ms to answer each: one run of the job queues it all, in transactions of at most
  // QUEUE_BATCH notifications, and it is sent faster than it came.
  it(`queues a burst of ${BURST} notifications in one run and sends it at over 100 a second`, async () => {
    await service.stop();
    service = await startPushService(env().VAPID_PUBLIC_KEY!, { answerAfterMs: 150 });
    const readers = await Promise.all(Array.from({ length: 50 }, (_, i) => person(`Reader ${i}`)));
    const friendsOf = await Promise.all(Array.from({ length: BURST / 50 }, (_, i) => person(`Friend ${i}`)));
    await db().user.updateMany({ where: { id: { in: readers.map((r) => r.id) } }, data: { quietHoursStart: null, quietHoursEnd: null } });
    for (const reader of readers) await phoneOf(reader);
    await db().notification.createMany({
      data: readers.flatMap((reader) =>
        friendsOf.map((friend) => ({ userId: reader.id, actorId: friend.id, type: "friend_request" as const, push: "pending" as const })),
      ),
    });

    const log = logStatements();
    const started = performance.now();
    const first = await runPushDelivery();
    let sent = first.sent;
    // Repeated as the scheduler does (at once while a run says there is more, else after a pause):
    // at 100 notifications a second it keeps up.
    for (let last = first; sent < BURST && performance.now() - started < (BURST / 100) * 1000;) {
      if (!last.more) await new Promise((resolve) => setTimeout(resolve, PUSH_EVERY_MS));
      last = await runPushDelivery();
      sent += last.sent;
    }
    const seconds = (performance.now() - started) / 1000;
    vi.restoreAllMocks();

    expect(first).toMatchObject({ queued: BURST, suppressed: 0, failed: 0, retried: 0 });
    expect(seconds).toBeLessThan(BURST / 100);
    expect(sent).toBe(BURST);
    expect(service.received).toHaveLength(BURST);
    expect(new Set(service.received.map((push) => (push.payload as { tag: string }).tag)).size).toBe(BURST);
    expect(await db().notification.count({ where: { push: "pending" } })).toBe(0);
    expect(await db().pushDelivery.count({ where: { status: "sent" } })).toBe(BURST);
    // Bounded transactions: every one claims at most QUEUE_BATCH notifications.
    const claimed = log.filter((statement) => statement.text.includes("WHERE n.push = 'pending'")).map((statement) => statement.rowCount);
    expect(claimed.length).toBeGreaterThanOrEqual(BURST / QUEUE_BATCH);
    expect(claimed.every((rows) => rows !== undefined && rows <= QUEUE_BATCH)).toBe(true);
    console.log(`Push: ${BURST} notifications queued and sent in ${seconds.toFixed(2)} s (${Math.round(BURST / seconds)}/s)`);
  });
});

describe("a push run that fails", () => {
  it("hands back deliveries it claimed but could not send at once, instead of holding them for the lease", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await friendsWithoutQuietHours(alice, bob);
    await phoneOf(alice);
    const now = new Date();
    await bothWant("surfing", alice, bob, now);
    await queuePushBatch(now, { queued: 0, suppressed: 0 }); // queued, not sent yet
    expect(await db().pushDelivery.count({ where: { status: "pending" } })).toBe(1);

    // The third connection of the run (queue, claim, then reading the notification) is refused.
    refuseConnections((nth) => nth === 3);
    await expect(runPushDelivery(now)).rejects.toThrow(DatabaseBusyError);
    vi.restoreAllMocks();

    expect(await db().pushDelivery.findFirstOrThrow({ select: { attempts: true, nextAttemptAt: true } })).toEqual({ attempts: 0, nextAttemptAt: now });
    expect(await runPushDelivery(new Date(now.getTime() + 1_000))).toMatchObject({ sent: 1 });
    expect(service.received).toHaveLength(1);
  });
});

describe("devices", () => {
  it("only the browsers' push services are accepted as endpoints", async () => {
    const alice = await person("Alice");
    const keys = service.device();
    for (const endpoint of [
      "https://evil.example.com/push/1",
      "http://fcm.googleapis.com/fcm/send/x",
      "https://fcm.googleapis.com:8443/x",
      "https://169.254.169.254/latest",
    ]) {
      await expect(saveSubscription(alice.id, { ...keys, endpoint, label: "x", timeZone: "UTC" })).rejects.toThrow(/not one we can send to/);
    }
    expect(await listDevices(alice.id)).toEqual([]);
  });

  it("someone else's device cannot be removed or taken over with its endpoint alone", async () => {
    const [alice, mallory] = [await person("Alice"), await person("Mallory")];
    const phone = await phoneOf(alice);
    const [device] = await listDevices(alice.id);
    await expect(removeDevice(mallory.id, device!.id)).rejects.toThrow();
    const forged = service.device();
    await expect(
      saveSubscription(mallory.id, { endpoint: phone.endpoint, p256dh: forged.p256dh, auth: forged.auth, label: "mine", timeZone: "UTC" }),
    ).rejects.toThrow(/could not be registered/);
    expect(await listDevices(alice.id)).toHaveLength(1);
    // The same browser (same keys) signing in as someone else moves the device with it.
    await saveSubscription(mallory.id, { endpoint: phone.endpoint, p256dh: phone.p256dh, auth: phone.auth, label: "shared", timeZone: "UTC" });
    expect(await listDevices(alice.id)).toHaveLength(0);
    expect(await listDevices(mallory.id)).toHaveLength(1);
  });
});
