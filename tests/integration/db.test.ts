import pg from "pg";
import { afterAll, expect, it, vi } from "vitest";
import { env } from "@/lib/env";
import { pool } from "@/lib/server/db";
import { rows } from "@/lib/server/sql";
import { closeDatabase } from "../support/db";

afterAll(closeDatabase);

it("an idle connection cut by the database (a restart) is dropped, and the next query gets a new one", async () => {
  const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
  const pid = (await rows<{ pid: number }>("SELECT pg_backend_pid() AS pid"))[0]!.pid;
  expect(pool().idleCount).toBeGreaterThan(0);

  const admin = new pg.Client({ connectionString: env().DATABASE_URL });
  await admin.connect();
  await admin.query("SELECT pg_terminate_backend($1)", [pid]);
  await admin.end();
  for (const deadline = Date.now() + 5_000; logged.mock.calls.length === 0 && Date.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  expect(logged).toHaveBeenCalledWith("[db] an idle database connection was lost:", "terminating connection due to administrator command");
  const [again] = await rows<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  expect(again?.pid).not.toBe(pid);
  logged.mockRestore();
});
