import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ROOT, serverTsArgs } from "../../scripts/lib/paths.mjs";
import { startNats, type NatsServer } from "../../scripts/lib/nats.mjs";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { closeDatabase, resetDatabase } from "../support/db";
import { openStream, signedIn, waitFor, type Opened } from "../support/live-streams";
import { startTcpProxy } from "../support/tcp-proxy";
import { person } from "../support/people";

// Live wake-ups through NATS (REALTIME=nats) when the network between an app process and the
// nats-server misbehaves: a connection that dies without a word, a slow path, a server unreachable
// from one process, and a worker shutting down meanwhile. Each app process
// (tests/support/realtime-process.ts) reaches the server directly or through a proxy of its own
// (tests/support/tcp-proxy.ts) that plays the fault; the notifications table is the truth the
// streams are held to.

const NATS = { REALTIME: "nats" } as const;

let nats: NatsServer;
const apps: AppProcess[] = [];
const proxies: Awaited<ReturnType<typeof startTcpProxy>>[] = [];
const streams: Opened[] = [];

async function app(natsUrl: string): Promise<AppProcess> {
  const started = await startAppProcess({ ...NATS, NATS_URL: natsUrl });
  apps.push(started);
  return started;
}
async function proxy() {
  const started = await startTcpProxy(nats.url);
  proxies.push(started);
  return started;
}
async function open(on: AppProcess, cookie: string): Promise<Opened> {
  const stream = await openStream(`http://127.0.0.1:${on.port}/api/events`, { cookie });
  streams.push(stream);
  expect(stream.status).toBe(200);
  await waitFor(() => stream.text().includes("event: ready"), "the stream to open");
  return stream;
}
/** Makes `on` connect to NATS and resolves once it is (the engine connects at its first use). */
const connected = (on: AppProcess) => on.ask({ op: "everything" });

beforeAll(async () => {
  nats = await startNats();
});
afterAll(async () => {
  await nats?.stop();
  await closeDatabase();
});
beforeEach(resetDatabase);
afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close();
  await Promise.all(apps.splice(0).map((started) => started.stop()));
  await Promise.all(proxies.splice(0).map((started) => started.stop()));
});

describe("live wake-ups through NATS, under faults", () => {
  it("a wake-up published on a connection that died without a word reaches the reader once the writer has connected again", async () => {
    const path = await proxy();
    const [writer, reader] = [await app(path.url), await app(nats.url)];
    await connected(writer);
    const { user, cookie } = await signedIn("Reader");
    const stream = await open(reader, cookie);
    // The writer's path to the server goes dark: its connection looks open, nothing gets through.
    path.blackhole();
    const before = path.accepted;
    await writer.ask({ op: "notify", userId: user.id, actorId: (await person("Into The Dark")).id });
    // The writer's pings go unanswered: it gives that connection up and opens a new one.
    await waitFor(() => path.accepted > before, "the writer to connect again", 40_000);
    // The reader's connection never dropped: nothing else will make its stream look at the table
    // before the stream's own reconnect, minutes away.
    await waitFor(() => stream.text().includes("Into The Dark sent you a friend request"), "the notification after the writer reconnected", 10_000);
  }, 70_000);

  it("a stream that says it is live is sent wake-ups published from then on, however slowly its process's subscription reaches the server", async () => {
    const path = await proxy();
    const [reader, writer] = [await app(path.url), await app(nats.url)];
    await connected(writer);
    const { cookie: bystander } = await signedIn("Bystander");
    await open(reader, bystander);
    const { user, cookie } = await signedIn("Reader");
    // What the reader's process sends the server (its new subscription) is slow to get there.
    path.hold();
    const stream = await open(reader, cookie);
    await writer.ask({ op: "notify", userId: user.id, actorId: (await person("Before The Subscription")).id });
    path.release();
    await waitFor(
      () => stream.text().includes("Before The Subscription sent you a friend request"),
      "the notification written after the stream was ready",
      10_000,
    );
  });

  it("a process that writes while NATS is unreachable from it wakes the reader once it connects", async () => {
    const path = await proxy();
    path.refuse(true);
    const [writer, reader] = [await app(path.url), await app(nats.url)];
    const { user, cookie } = await signedIn("Reader");
    const stream = await open(reader, cookie);
    // Never connected yet: the writer's first use of the engine is this write.
    await writer.ask({ op: "notify", userId: user.id, actorId: (await person("Before Connecting")).id });
    expect(stream.text()).not.toContain("Before Connecting");
    path.refuse(false);
    await waitFor(() => stream.text().includes("Before Connecting sent you a friend request"), "the notification once the writer connected", 10_000);
    // And once connected, its connection cut: what it writes meanwhile arrives when it is back.
    path.refuse(true);
    path.cut();
    await writer.ask({ op: "notify", userId: user.id, actorId: (await person("While Cut Off")).id });
    path.refuse(false);
    await waitFor(() => stream.text().includes("While Cut Off sent you a friend request"), "the notification once the writer reconnected", 10_000);
  });

  describe("a worker shutting down (SIGTERM)", () => {
    async function worker(natsUrl: string) {
      // Its own process group: tsx's child is signalled (and, if it hangs, killed) with tsx.
      const child = spawn(process.execPath, serverTsArgs(join(ROOT, "scripts", "worker-entry.ts")), {
        env: { ...process.env, ...NATS, NATS_URL: natsUrl },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
      let output = "";
      child.stdout!.on("data", (chunk) => (output += chunk));
      child.stderr!.on("data", (chunk) => (output += chunk));
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      await waitFor(() => output.includes("Overlap worker:"), "the worker to start", 20_000);
      return {
        /** SIGTERM; resolves to whether it exited within `ms` (else it is killed). */
        async stop(ms: number): Promise<boolean> {
          process.kill(-child.pid!, "SIGTERM");
          const inTime = await Promise.race([exited.then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), ms))]);
          if (!inTime) process.kill(-child.pid!, "SIGKILL");
          await exited;
          return inTime;
        },
      };
    }

    it("exits when the NATS server was never reachable", async () => {
      const path = await proxy();
      path.refuse(true);
      const running = await worker(path.url);
      // Its push job has asked for every wake-up and been told the engine is away (DATABASE_TIMEOUTS.connectMs).
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(await running.stop(10_000)).toBe(true);
    }, 40_000);

    it("exits when the NATS server went away after it connected", async () => {
      const path = await proxy();
      const running = await worker(path.url);
      // Connected: its push job's subscription to every wake-up is on the server.
      for (const deadline = Date.now() + 10_000; ;) {
        if ((await nats.connections()).some((connection) => connection.subjects.includes("overlap.wake.*"))) break;
        if (Date.now() > deadline) throw new Error("the worker did not connect to NATS");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      path.refuse(true);
      path.cut();
      expect(await running.stop(10_000)).toBe(true);
    }, 40_000);
  });
});
