import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/generated/prisma/client";
import { env, type Env } from "@/lib/env";
import { logThrottled } from "./log";

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

/**
 * How long anything may wait on the database before the user is told to try again, instead of
 * hanging for as long as the database is away (stopped, frozen, unreachable, or overloaded).
 */
export const DATABASE_TIMEOUTS = {
  /** Opening a connection, or waiting for one of the pool's to be free. */
  connectMs: 2_000,
  /** One statement, measured by the database… */
  statementMs: 5_000,
  /** …and by us, for a database that does not answer at all (its connection is then dropped). */
  queryMs: 6_000,
  /** Waiting for a row or advisory lock another transaction holds. */
  lockMs: 3_000,
  /** A transaction left open with nothing running (e.g. its process froze): the database ends it. */
  idleInTransactionMs: 30_000,
} as const;

type ConnectCallback = (error: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void;

/**
 * The pool, with a bound on queued work: once `queueLimit` callers already wait for a connection,
 * another is refused at once (DatabaseBusyError) rather than joining a queue that would only grow
 * while the database falls behind: "busy, try again" now beats an answer in minutes.
 */
export class BoundedPool extends pg.Pool {
  constructor(
    config: pg.PoolConfig,
    private readonly queueLimit: number,
  ) {
    super(config);
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    if (this.waitingCount >= this.queueLimit) {
      const error = new DatabaseBusyError();
      if (!callback) return Promise.reject(error);
      process.nextTick(() => callback(error, undefined, () => undefined));
      return;
    }
    return callback ? super.connect(callback) : super.connect();
  }
}

/** The database is too busy (or away) for this request to wait: the user should try again shortly. */
export class DatabaseBusyError extends Error {
  constructor() {
    super("too many requests are waiting for a database connection");
  }
}

/**
 * A connection through PgBouncer in transaction mode (1.18, measured). There a client's consecutive
 * transactions run on whichever server connection is free, but node-postgres remembers per client
 * which named statements it prepared: a name fails on a server connection where another client
 * prepared it ("prepared statement … already exists", 42P05: tests/integration/pgbouncer.test.ts) and,
 * sent again, on one where nobody did (a server connection opened later: "… does not exist", 26000).
 * So every statement runs unnamed here, sql.ts's and the rate limiter's store's alike, parsed and
 * planned again on each run: what PgBouncer 1.18 can carry. (Prisma's are unnamed anyway.)
 */
class UnnamedStatementsClient extends pg.Client {
  // One loose signature stands for pg's overloads; everything passes through, less a statement's name.
  override query(config: unknown, ...rest: unknown[]): never {
    const unnamed = config && typeof config === "object" && "name" in config && config.name ? { ...config, name: undefined } : config;
    // eslint-disable-next-line no-restricted-syntax -- not a statement of its own: every query passes on here
    return (super.query as (...args: unknown[]) => never).call(this, unnamed, ...rest);
  }
}

/**
 * The app's connection settings for a pool of `max` connections to `connectionString`, directly to
 * Postgres or through `pooler`.
 */
export function poolConfig(connectionString: string, max: number, pooler: Env["DATABASE_POOLER"] = "none"): pg.PoolConfig {
  const config = { connectionString, max, connectionTimeoutMillis: DATABASE_TIMEOUTS.connectMs, query_timeout: DATABASE_TIMEOUTS.queryMs };
  // PgBouncer refuses a connection that sends these at connect ("unsupported startup parameter:
  // statement_timeout"), and a SET would stay on a server connection others then share: there they are
  // the server's settings, for the app's role (README, "Connection pooling (PgBouncer)").
  if (pooler === "pgbouncer") return { ...config, Client: UnnamedStatementsClient };
  return {
    ...config,
    statement_timeout: DATABASE_TIMEOUTS.statementMs,
    lock_timeout: DATABASE_TIMEOUTS.lockMs,
    idle_in_transaction_session_timeout: DATABASE_TIMEOUTS.idleInTransactionMs,
  };
}

export function pool(): pg.Pool {
  if (!state.pool) {
    const { DATABASE_URL, DATABASE_POOLER, DATABASE_POOL_SIZE, DATABASE_QUEUE_LIMIT } = env();
    state.pool = new BoundedPool(poolConfig(DATABASE_URL, DATABASE_POOL_SIZE, DATABASE_POOLER), DATABASE_QUEUE_LIMIT);
    // An idle connection cut by the database (a restart, a failover, an administrator) is emitted
    // here; unheard, it would crash the process. The pool has already dropped it and opens another
    // on the next query. The message names the failure only.
    state.pool.on("error", reportLostConnection);
  }
  return state.pool;
}

/**
 * Postgres itself, never a transaction pooler: for a session that must stay on one server connection
 * (LISTEN). DATABASE_DIRECT_URL, or else DATABASE_URL.
 */
export function directDatabaseUrl(): string {
  const { DATABASE_DIRECT_URL, DATABASE_URL } = env();
  return DATABASE_DIRECT_URL ?? DATABASE_URL;
}

function reportLostConnection(error: Error & { code?: string }) {
  // A database shutting down (also: Ctrl-C on `npm run dev`, which reaches it at the same time as
  // the app) closes every idle connection at once: one line says so.
  if (error.code === "57P01") {
    logThrottled("db-shutdown", "[db] the database is shutting down or restarting; idle connections were closed, new ones open when needed");
    return;
  }
  logThrottled("db-lost", `[db] an idle database connection was lost: ${error.message}`);
}

export function db() {
  state.prisma ??= createClient(pool());
  return state.prisma;
}

export type Db = ReturnType<typeof db>;
