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
    state.pool.on("error", reportLostConnection);
  }
  return state.pool;
}

let lastShutdownNotice = 0;

function reportLostConnection(error: Error & { code?: string }) {
  // A database shutting down (also: Ctrl-C on `npm run dev`, which reaches it at the same time as
  // the app) closes every idle connection at once: one line says so.
  if (error.code === "57P01") {
    if (Date.now() - lastShutdownNotice < 10_000) return;
    lastShutdownNotice = Date.now();
    console.error("[db] the database is shutting down or restarting; idle connections were closed, new ones open when needed");
    return;
  }
  console.error("[db] an idle database connection was lost:", error.message);
}

export function db() {
  state.prisma ??= createClient(pool());
  return state.prisma;
}

export type Db = ReturnType<typeof db>;
