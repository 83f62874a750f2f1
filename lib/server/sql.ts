import "server-only";
import type pg from "pg";
import { pool } from "./db";

// Plain parameterised SQL on the shared pool, for the hot path only: the session check every
// signed-in request makes, and posting a plan and matching it. Measured with `npm run bench`
// (README, "Performance"): a Prisma call cost about 1 ms of CPU here, the same statement through
// pg about a tenth of that. Everything else stays on Prisma.

export type Sql = Pick<pg.PoolClient, "query">;

/** The rows of one statement. */
export async function rows<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  return (await pool().query<T>(text, values)).rows;
}

/** Runs `fn` in one transaction on one connection: committed if it returns, rolled back if it throws. */
export async function sqlTransaction<T>(fn: (client: Sql) => Promise<T>): Promise<T> {
  const client = await pool().connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => (broken = true));
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Holds a lock named `key` until the transaction on `client` ends (the plain-SQL twin of relationships.advisoryLock). */
export async function advisoryLockSql(client: Sql, key: string): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [key]);
}

/** Postgres's code for a unique-key violation. */
export const UNIQUE_VIOLATION = "23505";
