import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { closeDatabase, resetDatabase } from "../support/db";
import { lastEventId, openStream, signedIn, waitFor, type Opened } from "../support/live-streams";
import { startNats, type NatsServer } from "../../scripts/lib/nats.mjs";
import { person, type Person } from "../support/people";
import { startAppProcess, type AppProcess } from "../support/app-process";

// Live wake-ups between app processes, the same tests for each engine REALTIME can name: two app
// processes (tests/support/realtime-process.ts) on one database, a stream open on one, the writing
// done by the other. The NATS runs start a nats-server of their own (scripts/lib/nats.mjs).

type Engine = "postgres" | "nats";

/** Writes a friend request into `to`'s inbox on a connection of its own, waking nobody: only the table has it. */
async function writeUnannounced(client: pg.Client, to: Person, from: Person): Promise<void> {
  await client.query("INSERT INTO notifications (user_id, type, actor_id) VALUES ($1, 'friend_request', $2)", [to.id, from.id]);
}

const notifications = (stream: Opened) => stream.text().match(/event: notification/g)?.length ?? 0;

afterAll(closeDatabase);

describe.each<Engine>(["postgres", "nats"])("live wake-ups through %s", (engine) => {
  let nats: NatsServer | undefined;
  let first: AppProcess;
  let second: AppProcess;
  const streams: Opened[] = [];
  const open = async (app: AppProcess, headers: Record<string, string>) => {
    const stream = await openStream(`http://127.0.0.1:${app.port}/api/events`, headers);
    streams.push(stream);
    await waitFor(() => stream.text().includes("event: ready"), "the stream to open");
    return stream;
  };

  beforeAll(async () => {
    if (engine === "nats") nats = await startNats();
    const extraEnv: Record<string, string> = engine === "nats" ? { REALTIME: "nats", NATS_URL: nats!.url } : { REALTIME: "postgres" };
    [first, second] = await Promise.all([startAppProcess(extraEnv), startAppProcess(extraEnv)]);
  });
  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    await nats?.stop();
  });
  beforeEach(resetDatabase);
  afterEach(() => {
    for (const stream of streams.splice(0)) stream.close();
  });

  it("a notification written in one process reaches its reader's stream on the other, and nobody else's", async () => {
    const { user, cookie } = await signedIn("Reader");
    const { cookie: bystanderCookie } = await signedIn("Bystander");
    const friend = await person("Writer");
    const [stream, bystander] = [await open(first, { cookie }), await open(first, { cookie: bystanderCookie })];
    await second.ask({ op: "notify", userId: user.id, actorId: friend.id });
    await waitFor(() => stream.text().includes("Writer sent you a friend request"), "the notification on the other process");
    await second.ask({ op: "notify", userId: user.id, actorId: (await person("Second Writer")).id });
    await waitFor(() => notifications(stream) === 2, "the second notification");
    expect(bystander.text()).not.toContain("event: notification");
    expect(bystander.text()).not.toContain("Writer");
  });

  it("a browser that reconnects to the other process is sent what it missed, from the database", async () => {
    const { user, cookie } = await signedIn("Moving Reader");
    const stream = await open(first, { cookie });
    const seen = lastEventId(stream);
    stream.close();
    await first.ask({ op: "notify", userId: user.id, actorId: (await person("Sent In The Gap")).id });
    const again = await open(second, { cookie, "last-event-id": seen });
    await waitFor(() => again.text().includes("Sent In The Gap sent you a friend request"), "the replay on the other process");
    expect(notifications(again)).toBe(1);
  });

  it("after the engine was away, open streams catch up on what was written meanwhile, then wake-ups resume", async () => {
    const { user, cookie } = await signedIn("Through An Outage");
    const stream = await open(first, { cookie });
    const aside = new pg.Client({ connectionString: env().DATABASE_URL });
    await aside.connect();
    try {
      if (engine === "nats") {
        await nats!.stop();
        await writeUnannounced(aside, user, await person("During The Outage"));
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        expect(stream.text()).not.toContain("During The Outage");
        await nats!.start();
      } else {
        // Cut every LISTEN connection; the write lands before they are back.
        await aside.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN overlap_notifications'");
        await writeUnannounced(aside, user, await person("During The Outage"));
      }
    } finally {
      await aside.end();
    }
    await waitFor(() => stream.text().includes("During The Outage sent you a friend request"), "the catch-up after the outage", 15_000);
    // Once back, a wake-up from the other process arrives live again (a publish made while its own
    // connection is still coming back is sent when it is).
    await second.ask({ op: "notify", userId: user.id, actorId: (await person("After The Outage")).id });
    await waitFor(() => stream.text().includes("After The Outage sent you a friend request"), "a live notification after the outage", 15_000);
    expect(stream.ended()).toBe(false);
  }, 60_000);

  it("the push job's subscription to everything is woken by a notification for anyone, written anywhere", async () => {
    await first.ask({ op: "everything" });
    const before = (await first.ask({ op: "wakes" })) as number;
    const [someone, friend] = [await person("Anyone"), await person("Anywhere")];
    await second.ask({ op: "notify", userId: someone.id, actorId: friend.id });
    for (const deadline = Date.now() + 5_000; Date.now() < deadline;) {
      if (((await first.ask({ op: "wakes" })) as number) > before) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await first.ask({ op: "wakes" })).toBeGreaterThan(before);
  });

  if (engine === "nats") {
    it("a process is sent the wake-ups of the users with a stream open on it, not everyone's", async () => {
      const { user, cookie } = await signedIn("Here");
      const elsewhere = await Promise.all(["Elsewhere 1", "Elsewhere 2", "Elsewhere 3"].map((name) => person(name)));
      const friend = await person("Writer");
      const stream = await open(first, { cookie });
      // Messages the server sent each process so far (the push job test above left `first` listening
      // to everything: a fresh process stands in for it here).
      const third = await startAppProcess({ REALTIME: "nats", NATS_URL: nats!.url });
      try {
        const onThird = await open(third, { cookie });
        const sentTo = async (app: AppProcess) => (await nats!.connections()).find((connection) => connection.name === `overlap-${app.pid}`)!;
        const before = await sentTo(third);
        for (const other of elsewhere) await second.ask({ op: "notify", userId: other.id, actorId: friend.id });
        await second.ask({ op: "notify", userId: user.id, actorId: friend.id });
        await waitFor(() => onThird.text().includes("Writer sent you a friend request"), "the reader's notification");
        await waitFor(() => stream.text().includes("Writer sent you a friend request"), "the reader's notification on the first process");
        const after = await sentTo(third);
        expect(after.subjects).toEqual(["overlap.catch-up", `overlap.wake.${user.id}`]);
        expect(after.out_msgs - before.out_msgs).toBe(1);
      } finally {
        await third.stop();
      }
    });
  }
});
