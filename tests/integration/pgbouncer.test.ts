import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { BoundedPool, db, directDatabaseUrl, pool, poolConfig } from "@/lib/server/db";
import { listNotifications } from "@/lib/server/live/inbox";
import { subscribe, stopListening } from "@/lib/server/live/realtime";
import { CHANNEL } from "@/lib/server/live/realtime-postgres";
import { consume, DELETE_ACCOUNT_ATTEMPTS_PER_USER } from "@/lib/server/rate-limit";
import { lock, sql, statement, transaction, type Tx } from "@/lib/server/sql";
import { closeDatabase, resetDatabase } from "../support/db";
import { cascais, friends, post } from "../support/matching";
import { person } from "../support/people";
import { CONNECT_QUERY, startPgBouncer, type PgBouncer } from "../support/pgbouncer";

// The app through PgBouncer 1.18 in transaction mode (README, "Connection pooling (PgBouncer)"):
// DATABASE_URL names PgBouncer, DATABASE_POOLER=pgbouncer, DATABASE_DIRECT_URL names Postgres for the
// live listener. PgBouncer keeps fewer server connections than the app's pool has clients, so
// consecutive transactions of one client land on different server connections.

/** Postgres itself: the test database of `npm test`. */
const direct = process.env.DATABASE_URL!;
const SERVER_CONNECTIONS = 2;
let bouncer: PgBouncer;

beforeAll(async () => {
  bouncer = await startPgBouncer(direct, { poolSize: SERVER_CONNECTIONS });
  // The app reads its configuration once, at first use (lib/env.ts), and opens its pool then: from
  // here on this file's app talks to PgBouncer.
  Object.assign(process.env, { DATABASE_URL: bouncer.url, DATABASE_DIRECT_URL: direct, DATABASE_POOLER: "pgbouncer" });
  expect(env()).toMatchObject({ DATABASE_URL: bouncer.url, DATABASE_DIRECT_URL: direct, DATABASE_POOLER: "pgbouncer" });
  expect(env().DATABASE_POOL_SIZE).toBeGreaterThan(SERVER_CONNECTIONS);
});
beforeEach(resetDatabase);
afterAll(async () => {
  await closeDatabase();
  await bouncer?.stop();
});

const BACKEND = statement("SELECT pg_backend_pid() AS pid, clock_timestamp() AS at", [], { pid: "int4", at: "timestamptz" });
const SLEEP = statement("SELECT pg_sleep($1::float8 / 1000)", ["int4"]);
const SETTING = statement("SELECT current_setting($1) AS value", ["text"], { value: "text" });
const TIMEOUTS = statement(
  `SELECT current_setting('statement_timeout') AS statement, current_setting('lock_timeout') AS lock,
          current_setting('idle_in_transaction_session_timeout') AS idle`,
  [],
  { statement: "text", lock: "text", idle: "text" },
);
const RENAME = statement("UPDATE users SET display_name = $2 WHERE id = $1", ["uuid", "text"]);
const SUM = statement("SELECT $1::int4 + $2::int4 AS sum", ["int4", "int4"], { sum: "int4" });

/** Runs `fn` on as many pooled clients at once as the app's pool has, `rounds` times. */
async function everyClient<T>(rounds: number, fn: (n: number) => Promise<T>): Promise<PromiseSettledResult<T>[]> {
  const settled: PromiseSettledResult<T>[] = [];
  for (let round = 0; round < rounds; round++) settled.push(...(await Promise.allSettled(Array.from({ length: env().DATABASE_POOL_SIZE }, (_, n) => fn(n)))));
  return settled;
}

describe("what fails through PgBouncer without DATABASE_POOLER=pgbouncer", () => {
  it("the pool's timeouts, sent at connect, are refused: no connection opens", async () => {
    const plain = new BoundedPool(poolConfig(bouncer.url, 2), 10);
    await expect(plain.query("SELECT 1")).rejects.toThrow("unsupported startup parameter: statement_timeout");
    await plain.end();
  });

  it("a named prepared statement fails on server connections other clients prepared it on", async () => {
    // The timeouts left out, so that connections open: only the names differ from the app's pool.
    const named = new pg.Pool({ connectionString: bouncer.url, max: env().DATABASE_POOL_SIZE });
    const query = { name: `s${randomBytes(8).toString("hex")}`, text: SUM.text };
    const settled = await everyClient(3, (n) => named.query({ ...query, values: [n, 1] }));
    await named.end();
    const codes = settled.flatMap((result) => (result.status === "rejected" ? [(result.reason as { code?: string }).code] : []));
    // More clients than server connections: each server connection takes a name's first Parse only.
    expect(codes.length).toBeGreaterThanOrEqual(env().DATABASE_POOL_SIZE - SERVER_CONNECTIONS);
    expect(codes.filter((code) => code !== "42P05" && code !== "26000")).toEqual([]);
  });
});

describe("the app's statements through PgBouncer", () => {
  it("the same named statement through the app's pool never fails, on every client, again and again", async () => {
    const settled = await everyClient(3, async (n) => (await sql.rows(SUM, [n, 1]))[0]!.sum);
    expect(settled).toEqual(Array.from({ length: settled.length }, (_, i) => ({ status: "fulfilled", value: (i % env().DATABASE_POOL_SIZE) + 1 })));
    const pids = await everyClient(1, () =>
      transaction(async (tx) => {
        await tx.run(SLEEP, [20]);
        return (await tx.rows(BACKEND, []))[0]!.pid;
      }),
    );
    expect(new Set(pids.map((result) => (result as PromiseFulfilledResult<number>).value)).size).toBe(SERVER_CONNECTIONS);
  });

  it("a transaction commits or rolls back as a whole, and a generic-plans one changes only itself", async () => {
    const alice = await person("Alice");
    await transaction(async (tx) => void (await tx.run(RENAME, [alice.id, "Alicia"])));
    await expect(
      transaction(async (tx) => {
        await tx.run(RENAME, [alice.id, "Never"]);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect((await db().user.findUniqueOrThrow({ where: { id: alice.id }, select: { displayName: true } })).displayName).toBe("Alicia");

    const inside = await transaction(async (tx) => (await tx.rows(SETTING, ["plan_cache_mode"]))[0]!.value, { genericPlans: true });
    expect(inside).toBe("force_generic_plan");
    const after = await everyClient(2, async () => (await sql.rows(SETTING, ["plan_cache_mode"]))[0]!.value);
    expect(new Set(after.map((result) => (result as PromiseFulfilledResult<string>).value))).toEqual(new Set(["auto"]));
  });

  it("every server connection carries the app's timeouts, from PgBouncer's connect_query", async () => {
    expect(CONNECT_QUERY).toContain("statement_timeout");
    const settings = await everyClient(1, () =>
      transaction(async (tx) => {
        await tx.run(SLEEP, [20]);
        return (await tx.rows(TIMEOUTS, []))[0];
      }),
    );
    expect(new Set(settings.map((result) => JSON.stringify((result as PromiseFulfilledResult<unknown>).value)))).toEqual(
      new Set([JSON.stringify({ statement: "5s", lock: "3s", idle: "30s" })]),
    );
  });

  describe("an advisory transaction lock", () => {
    /** Takes `key`'s lock, then holds it for 300 ms; says on which server connection, and when, from the database's clock. */
    const holdLock = (key: string) =>
      transaction(async (tx: Tx) => {
        await lock(tx, key);
        const [start] = await tx.rows(BACKEND, []);
        await tx.run(SLEEP, [300]);
        const [end] = await tx.rows(BACKEND, []);
        return { pid: start!.pid, from: start!.at.getTime(), to: end!.at.getTime() };
      });

    it("serialises two transactions on different server connections", async () => {
      const [first, second] = (await Promise.all([holdLock("pair:a"), holdLock("pair:a")])).sort((a, b) => a.from - b.from);
      expect(first!.pid).not.toBe(second!.pid);
      expect(second!.from).toBeGreaterThanOrEqual(first!.to);
    });

    it("on different keys, lets them run at the same time (the control)", async () => {
      const [first, second] = (await Promise.all([holdLock("pair:a"), holdLock("pair:b")])).sort((a, b) => a.from - b.from);
      expect(first!.pid).not.toBe(second!.pid);
      expect(second!.from).toBeLessThan(first!.to);
    });
  });

  it("Prisma's queries and interactive transactions", async () => {
    const alice = await person("Alice");
    await db().$transaction(async (tx) => {
      await tx.user.update({ where: { id: alice.id }, data: { displayName: "Alicia" } });
      expect(await tx.user.count({ where: { displayName: "Alicia" } })).toBe(1);
    });
    await expect(
      db().$transaction(async (tx) => {
        await tx.user.update({ where: { id: alice.id }, data: { displayName: "Never" } });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    const names = await everyClient(2, () => db().user.findUniqueOrThrow({ where: { id: alice.id }, select: { displayName: true } }));
    expect(new Set(names.map((result) => (result as PromiseFulfilledResult<{ displayName: string }>).value.displayName))).toEqual(new Set(["Alicia"]));
  });

  it("the rate limiter's store counts every attempt exactly once", async () => {
    const decisions = await everyClient(1, () => consume(DELETE_ACCOUNT_ATTEMPTS_PER_USER, "user-1"));
    const allowed = decisions.filter((result) => result.status === "fulfilled" && result.value.allowed);
    expect(decisions.every((result) => result.status === "fulfilled")).toBe(true);
    expect(allowed).toHaveLength(DELETE_ACCOUNT_ATTEMPTS_PER_USER.points);
  });

  it("two friends posting at the same instant make exactly one match, and the app's listener on the direct connection hears of it", async () => {
    expect(directDatabaseUrl()).toBe(direct);
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    const heard: string[] = [];
    const unsubscribe = await Promise.all([alice, bob].map((who) => subscribe(who.id, (reason) => reason === "wake" && heard.push(who.id))));
    try {
      // The app's LISTEN connection (realtime-postgres.ts) is on Postgres itself, not on PgBouncer.
      const [listening] = (await pool().query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = $1", [`LISTEN ${CHANNEL}`])).rows;
      expect(listening?.n).toBe(1);
      await friends(alice, bob);
      for (let trial = 0; trial < 10; trial++) {
        await pool().query("TRUNCATE matches, disclosures, notifications, plans, rate_limits CASCADE");
        await Promise.all([post(alice), post(bob, { cell: cascais })]);
        expect(await db().match.count(), `trial ${trial}`).toBe(1);
      }
      expect((await listNotifications(alice.id)).map((n) => n.text)).toEqual(["Bob is up for surfing too — in your area"]);
      expect((await listNotifications(bob.id)).map((n) => n.text)).toEqual(["Alice is up for surfing too — in your area"]);
      await expect.poll(() => new Set(heard)).toEqual(new Set([alice.id, bob.id]));
    } finally {
      for (const stop of unsubscribe) stop();
      await stopListening();
    }
  });
});
