import pg from "pg";
import { afterAll, describe, expect, it, vi } from "vitest";
import { env } from "@/lib/env";
import { lockAreas } from "@/lib/server/plans/area-budget";
import { BoundedPool, DATABASE_TIMEOUTS, DatabaseBusyError, db, pool, poolConfig } from "@/lib/server/db";
import { isDatabaseUnavailable } from "@/lib/server/errors";
import { createPlan } from "@/lib/server/plans/plans";
import { transaction } from "@/lib/server/sql";
import { closeDatabase, resetDatabase } from "../support/db";
import { carcavelos, HOUR } from "../support/matching";
import { person } from "../support/people";
import { startTcpProxy } from "../support/tcp-proxy";

const now = new Date();
const plan = {
  activity: "surfing",
  startsAt: now,
  endsAt: new Date(now.getTime() + 2 * HOUR),
  cell: carcavelos,
  travelKm: 10,
  audience: "close" as const,
  note: undefined,
};

afterAll(closeDatabase);

it("idle connections cut by the database (a restart) are dropped, said once, and the next query gets a new one", async () => {
  const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
  // Two connections at once, both idle afterwards.
  const pids = (await Promise.all([0, 1].map(() => pool().query<{ pid: number }>("SELECT pg_backend_pid() AS pid, pg_sleep(0.05)")))).map(
    ({ rows: [row] }) => row!.pid,
  );
  expect(new Set(pids).size).toBe(2);
  expect(pool().idleCount).toBeGreaterThanOrEqual(2);

  const admin = new pg.Client({ connectionString: env().DATABASE_URL });
  await admin.connect();
  await admin.query("SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid", [pids]);
  await admin.end();
  // Both are dropped from the pool (each emitted its error).
  await expect.poll(() => pool().totalCount, { timeout: 5_000 }).toBe(0);

  expect(logged.mock.calls).toEqual([["[db] the database is shutting down or restarting; idle connections were closed, new ones open when needed"]]);
  const {
    rows: [again],
  } = await pool().query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  expect(pids).not.toContain(again?.pid);
  logged.mockRestore();
});

describe("a database that is slow, locked or away gets a quick, clear answer", () => {
  it("once the pool's queue is full, the next caller is refused at once instead of waiting", async () => {
    const small = new BoundedPool({ connectionString: env().DATABASE_URL, max: 1, connectionTimeoutMillis: 5_000 }, 2);
    const held = await small.connect();
    const waiting = [small.query("SELECT 1 AS one"), small.query("SELECT 2 AS two")];
    const started = performance.now();
    const refused = await small.query("SELECT 3").then(
      () => null,
      (error: unknown) => error,
    );
    expect(performance.now() - started).toBeLessThan(100);
    expect(refused).toBeInstanceOf(DatabaseBusyError);
    expect(isDatabaseUnavailable(refused)).toBe(true);
    // As a sign-in that hit it reaches the action: Auth.js wraps it as `cause: { err, provider }`.
    expect(isDatabaseUnavailable(new Error("CallbackRouteError", { cause: { err: refused, provider: "credentials" } }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("CallbackRouteError", { cause: { err: new Error("wrong"), provider: "credentials" } }))).toBe(false);
    held.release();
    expect((await Promise.all(waiting)).map((result) => result.rowCount)).toEqual([1, 1]);
    await small.end();
  });

  it(`a post waiting on a lock gives up after ${DATABASE_TIMEOUTS.lockMs / 1000} s with a "try again" error, and stores nothing`, async () => {
    await resetDatabase();
    const alice = await person("Alice");
    // What another post of Alice's holds while it is stored, held until the post below gives up.
    let locked!: () => void;
    let done!: () => void;
    const holding = new Promise<void>((resolve) => (locked = resolve));
    const finished = new Promise<void>((resolve) => (done = resolve));
    const holder = transaction(async (tx) => {
      await lockAreas(tx, alice.id);
      locked();
      await finished;
    });
    await holding;
    const started = performance.now();
    const failure = await createPlan(alice.id, plan).then(
      () => null,
      (error: unknown) => error,
    );
    const waited = performance.now() - started;
    done();
    await holder;
    expect(isDatabaseUnavailable(failure)).toBe(true);
    expect(waited).toBeGreaterThan(DATABASE_TIMEOUTS.lockMs - 500);
    expect(waited).toBeLessThan(DATABASE_TIMEOUTS.lockMs + 3_000);
    expect(await db().plan.count()).toBe(0);
  });

  it("Prisma's error for the same timeout is recognised too", async () => {
    await resetDatabase();
    const alice = await person("Alice");
    const blocker = await pool().connect();
    await blocker.query("BEGIN");
    await blocker.query("SELECT 1 FROM users WHERE id = $1 FOR UPDATE", [alice.id]);
    const failure = await db()
      .user.update({ where: { id: alice.id }, data: { displayName: "Locked Out" }, select: { id: true } })
      .then(
        () => null,
        (error: unknown) => error,
      );
    await blocker.query("ROLLBACK");
    blocker.release();
    expect(failure).not.toBeNull();
    expect(isDatabaseUnavailable(failure)).toBe(true);
    expect(isDatabaseUnavailable(new Error("Unique constraint failed"))).toBe(false);
  });

  it("a database that stops answering: queries and new connections fail within their timeouts, and work again after", async () => {
    const proxy = await startTcpProxy(env().DATABASE_URL);
    const through = new BoundedPool(poolConfig(proxy.url, 2), 50);
    through.on("error", () => undefined);
    expect((await through.query("SELECT 1")).rowCount).toBe(1);

    proxy.freeze();
    const timed = async (run: () => Promise<unknown>) => {
      const started = performance.now();
      const error = await run().then(
        () => null,
        (failure: unknown) => failure,
      );
      return { error, ms: performance.now() - started };
    };
    const [onIdle, onNew] = await Promise.all([
      timed(() => through.query("SELECT 1")), // the idle connection: sent, never answered
      timed(async () => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return through.query("SELECT 2"); // needs a second connection: never gets past the handshake
      }),
    ]);
    for (const { error, ms } of [onIdle, onNew]) {
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(ms).toBeLessThan(DATABASE_TIMEOUTS.queryMs + 2_000);
    }
    expect(onNew.ms).toBeLessThan(DATABASE_TIMEOUTS.connectMs + 2_000);

    proxy.thaw();
    expect((await through.query("SELECT 3 AS three")).rows).toEqual([{ three: 3 }]);
    await through.end().catch(() => undefined);
    await proxy.stop();
  });
});
