import pg from "pg";
import { afterAll, expect, it, vi } from "vitest";
import { env } from "@/lib/env";
import { pool } from "@/lib/server/db";
import { rows } from "@/lib/server/sql";
import { closeDatabase } from "../support/db";

afterAll(closeDatabase);

it("idle connections cut by the database (a restart) are dropped, said once, and the next query gets a new one", async () => {
  const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
  // Two connections at once, both idle afterwards.
  const pids = (await Promise.all([0, 1].map(() => rows<{ pid: number }>("SELECT pg_backend_pid() AS pid, pg_sleep(0.05)")))).map(([row]) => row!.pid);
  expect(new Set(pids).size).toBe(2);
  expect(pool().idleCount).toBeGreaterThanOrEqual(2);

  const admin = new pg.Client({ connectionString: env().DATABASE_URL });
  await admin.connect();
  await admin.query("SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid", [pids]);
  await admin.end();
  // Both are dropped from the pool (each emitted its error).
  await expect.poll(() => pool().totalCount, { timeout: 5_000 }).toBe(0);

  expect(logged.mock.calls).toEqual([["[db] the database is shutting down or restarting; idle connections were closed, new ones open when needed"]]);
  const [again] = await rows<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  expect(pids).not.toContain(again?.pid);
  logged.mockRestore();
});
