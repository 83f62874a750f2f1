import { randomBytes } from "node:crypto";
import { vi } from "vitest";
import { DatabaseBusyError, db, pool } from "@/lib/server/db";

/** Empties every application table (the migrations ledger stays), read from the catalogue so none is forgotten. */
export async function resetDatabase(): Promise<void> {
  // Never empty a database that is not a test database, whatever DATABASE_URL says.
  const { rows: current } = await pool().query<{ name: string }>("SELECT current_database() AS name");
  if (!current[0]?.name.endsWith("_test")) throw new Error(`Refusing to empty "${current[0]?.name}": not a *_test database.`);
  const { rows } = await pool().query<{ name: string }>(
    `SELECT quote_ident(tablename) AS name FROM pg_tables
     WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`,
  );
  if (rows.length) await pool().query(`TRUNCATE ${rows.map((row) => row.name).join(", ")} CASCADE`);
}

export function unique(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString("hex")}`;
}

export function newAccount(overrides: Partial<{ email: string; handle: string; displayName: string; password: string }> = {}) {
  const handle = unique("u");
  return { email: `${handle}@example.com`, handle, displayName: "Test Person", password: "a long enough password", ...overrides };
}

export async function closeDatabase(): Promise<void> {
  await db().$disconnect();
  await pool().end();
}

/**
 * Has the app's pool refuse the connections `refuse` picks (by count, from 1), as a pool whose queue
 * is full does (DatabaseBusyError); the others go through. Undo with `vi.restoreAllMocks()`.
 */
export function refuseConnections(refuse: (nth: number) => boolean) {
  let count = 0;
  const original = pool().connect.bind(pool());
  return vi.spyOn(pool(), "connect").mockImplementation(((callback?: (error: Error | undefined) => void) => {
    if (refuse(++count)) {
      if (callback) return void process.nextTick(() => callback(new DatabaseBusyError()));
      return Promise.reject(new DatabaseBusyError());
    }
    return (original as (cb?: unknown) => unknown)(callback);
  }) as never);
}
