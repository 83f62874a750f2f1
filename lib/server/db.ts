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
  state.pool ??= new pg.Pool({ connectionString: env().DATABASE_URL, max: env().DATABASE_POOL_SIZE });
  return state.pool;
}

export function db() {
  state.prisma ??= createClient(pool());
  return state.prisma;
}

export type Db = ReturnType<typeof db>;
