import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/generated/prisma/client";
import { env } from "@/lib/env";

// One pool per process, shared by Prisma and the rate limiter's Postgres store.
// Kept on globalThis so hot reloads in development do not open a new pool each time.
type DbGlobals = { pool?: pg.Pool; prisma?: ReturnType<typeof createClient> };
const globals = globalThis as typeof globalThis & { __db?: DbGlobals };
const state: DbGlobals = (globals.__db ??= {});

function createClient(pool: pg.Pool) {
  return new PrismaClient({
    adapter: new PrismaPg(pool),
    // Secret columns never leave the database unless a query asks for them by name.
    omit: { user: { passwordHash: true } },
  });
}

export function pool(): pg.Pool {
  if (!state.pool) {
    state.pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: env().DATABASE_POOL_SIZE });
    // An idle connection cut by the database (a restart, a failover, an administrator) is emitted
    // here; unheard, it would crash the process. The pool has already dropped it and opens another
    // on the next query. The message names the failure only.
    state.pool.on("error", (error) => console.error("[db] an idle database connection was lost:", error.message));
  }
  return state.pool;
}

export function db() {
  state.prisma ??= createClient(pool());
  return state.prisma;
}

export type Db = ReturnType<typeof db>;
