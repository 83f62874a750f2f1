import "server-only";
import { createHash } from "node:crypto";
import type pg from "pg";
import type { Audience, MatchAnswer, MatchMessageKind, NotificationType, PushDeliveryStatus, PushState } from "@/generated/prisma/enums";
import { pool } from "./db";
import { logThrottled } from "./log";

// Hand-written SQL, for the paths Prisma is too slow or too coarse for: the session check every
// signed-in request makes, posting a plan and matching it, the friend graph's locked transactions,
// the inbox, push queueing and the retention sweep. Measured with `npm run bench` (README,
// "Performance"): a Prisma call cost about 1 ms of CPU here, the same statement through pg about a
// tenth of that, and a Prisma transaction about 1 ms more than a pg one. Everything else stays on Prisma.
//
// Every statement is declared once with `statement()`: its text, the Postgres type of each parameter
// and of each result column. The row type follows from those names, and
// tests/integration/sql-statements.test.ts asks the database to describe every declared statement and
// fails when a column, alias, type or NOT NULL no longer matches what is declared — a renamed column
// fails the tests, not a request.

/** What node-postgres reads back for each Postgres type a statement may name (db.ts sets no custom parsers). */
type Read = {
  bool: boolean;
  int2: number;
  int4: number;
  /** pg returns 64-bit integers as strings: no precision is lost. */
  int8: string;
  float8: number;
  text: string;
  uuid: string;
  timestamptz: Date;
  Audience: Audience;
  NotificationType: NotificationType;
  PushState: PushState;
  PushDeliveryStatus: PushDeliveryStatus;
  MatchAnswer: MatchAnswer;
  MatchMessageKind: MatchMessageKind;
};
/** What a parameter of each type accepts. */
type Write = Omit<Read, "int8"> & { int8: string | number | bigint };

type Base = keyof Read;
/** Types node-postgres parses arrays of (it has no parser for arrays of our enums: those come back as text). */
type Builtin = Exclude<Base, "Audience" | "NotificationType" | "PushState" | "PushDeliveryStatus" | "MatchAnswer" | "MatchMessageKind">;
/** A Postgres type by its catalogue name (`pg_type.typname`), `[]` for an array of it. */
export type PgType = Base | `${Base}[]`;
/** A parameter type; a trailing `?` allows NULL. */
export type Column = PgType | `${PgType}?`;
/** A result column's type: as a parameter's, but arrays only of types pg parses. */
type ResultColumn = Base | `${Builtin}[]` | `${Base | `${Builtin}[]`}?`;
export type Columns = Readonly<Record<string, ResultColumn>>;

type Value<C> = C extends `${infer T extends PgType}?` ? Value<T> | null : C extends `${infer B extends Base}[]` ? Read[B][] : C extends Base ? Read[C] : never;
// A parameter's array may hold NULLs (unnest turns them into NULL columns).
type Arg<C> = C extends `${infer T extends PgType}?`
  ? Arg<T> | null
  : C extends `${infer B extends Base}[]`
    ? (Write[B] | null)[]
    : C extends Base
      ? Write[C]
      : never;
/** The row a statement with these columns reads. */
export type RowOf<C extends Columns> = { -readonly [K in keyof C]: Value<C[K]> };
/** The values a statement with these parameters takes, $1 first. */
export type Args<P extends readonly Column[]> = { -readonly [I in keyof P]: Arg<P[I]> };

declare const declaredHere: unique symbol;

/**
 * One statement: its text and its declared parameter and column types (`columns` undefined: the
 * result is not read). Only statement() makes one, so nothing runs that the schema test has not seen.
 */
export type Statement<P extends readonly Column[] = readonly Column[], C extends Columns | undefined = Columns | undefined> = {
  readonly text: string;
  /** Its name as a prepared statement: from its text, so one name always means one text. */
  readonly name: string;
  readonly params: P;
  readonly columns: C;
  readonly [declaredHere]: true;
};

const declared: Statement[] = [];
/** Every statement declared so far (the schema test describes each). */
export const ALL_STATEMENTS: readonly Statement[] = declared;

/** Declares a statement; module-level, once, so the schema test sees it. */
export function statement<const P extends readonly Column[], const C extends Columns | undefined = undefined>(
  text: string,
  params: P,
  columns?: C,
): Statement<P, C> {
  const name = `s${createHash("sha256").update(text).digest("base64url").slice(0, 22)}`;
  const made = { text, name, params, columns: columns as C } as Statement<P, C>;
  declared.push(made);
  return made;
}

/** Runs declared statements on the pool (each on its own) or inside one transaction. */
export type Sql = {
  /** The rows a statement returns. */
  rows<P extends readonly Column[], C extends Columns>(statement: Statement<P, C>, args: Args<P>): Promise<RowOf<C>[]>;
  /** Runs a statement whose rows are not read; resolves to how many rows it touched. */
  run<P extends readonly Column[]>(statement: Statement<P>, args: Args<P>): Promise<number>;
};
/** A transaction's `Sql`: only these can take an advisory lock (held until the transaction ends). */
export type Tx = Sql & {
  readonly transaction: true;
  /**
   * Runs `fn` once the transaction has committed (never if it rolls back), before `transaction()`
   * resolves. What it throws is logged, not thrown: the commit stands.
   */
  afterCommit(fn: () => void): void;
};

type Queryable = Pick<pg.PoolClient, "query">;

// Each statement is prepared once per connection, under its name, and then only bound and run:
// Postgres parses and analyses it once, and less goes over the wire. (Several bundles of the app may
// declare the same statement in one process; they share the pool, and the name, as it is the text's.)
// Through PgBouncer (DATABASE_POOLER=pgbouncer) db.ts's connections send them unnamed instead.
function sqlOn(client: () => Queryable): Sql {
  const query = (statement: Statement, args: unknown[]) => client().query({ name: statement.name, text: statement.text, values: args });
  return {
    rows: async <C extends Columns>(statement: Statement<readonly Column[], C>, args: unknown[]) => (await query(statement, args)).rows as RowOf<C>[],
    run: async (statement, args) => (await query(statement, args as unknown[])).rowCount ?? 0,
  };
}

/** Statements on the shared pool, each in its own implicit transaction. */
export const sql: Sql = sqlOn(pool);

/**
 * Runs `fn` in one transaction on one connection: committed if it returns, rolled back if it throws.
 * `genericPlans`: its prepared statements run on their generic plans, never planned again for the
 * values at hand. For a long statement whose best plan does not depend on its values (the matcher's:
 * a handful of candidates, each looked up by key), Postgres otherwise plans it afresh on every run,
 * and planning costs more than running it. (Through PgBouncer, where statements run unnamed, each run
 * is planned anyway: the transaction still gets generic plans, but saves no planning.)
 */
export async function transaction<T>(fn: (tx: Tx) => Promise<T>, { genericPlans = false } = {}): Promise<T> {
  const committed: (() => void)[] = [];
  const result = await onOneConnection(
    (client) => fn({ ...sqlOn(() => client), transaction: true, afterCommit: (then) => void committed.push(then) }),
    genericPlans ? BEGIN_WITH_GENERIC_PLANS : "BEGIN",
  );
  for (const then of committed) {
    try {
      then();
    } catch (error) {
      logThrottled("after-commit", `After a commit: ${(error as Error).message}`);
    }
  }
  return result;
}

// One round trip: a simple query may hold several statements (no values in either).
const BEGIN_WITH_GENERIC_PLANS = "BEGIN; SET LOCAL plan_cache_mode = force_generic_plan";

/**
 * Whether `error` says a statement this connection prepared no longer fits the schema (a migration
 * changed a type it reads or returns: "cached plan must not change result type", "cache lookup
 * failed for type …") or is gone. The connection is then dropped: every later use of it would fail
 * the same way. (The pool drops a connection after any error of a statement run on it directly.)
 */
export function isStalePreparedStatement(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return code === "0A000" || code === "26000" || (code === "XX000" && /cache lookup failed/.test(message ?? ""));
}

async function onOneConnection<T>(fn: (client: pg.PoolClient) => Promise<T>, begin: string): Promise<T> {
  const client = await pool().connect();
  let broken = false;
  try {
    await client.query(begin);
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => (broken = true));
    broken ||= isStalePreparedStatement(error);
    throw error;
  } finally {
    client.release(broken);
  }
}

const ADVISORY_LOCK = statement("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", ["text"]);

/** Holds a lock named `key` until the transaction on `tx` ends. */
export async function lock(tx: Tx, key: string): Promise<void> {
  await tx.run(ADVISORY_LOCK, [key]);
}

const TRY_ADVISORY_LOCK = statement("SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS taken", ["text"], { taken: "bool" });

/** Takes the lock named `key` until the transaction on `tx` ends, if nobody holds it; never waits. */
export async function tryLock(tx: Tx, key: string): Promise<boolean> {
  const [row] = await tx.rows(TRY_ADVISORY_LOCK, [key]);
  return row?.taken ?? false;
}

// ORDER BY: the locks are taken in the array's order (Postgres evaluates a volatile function after
// the sort).
const ADVISORY_LOCKS = statement("SELECT pg_advisory_xact_lock(hashtextextended(k.key, 0)) FROM unnest($1::text[]) WITH ORDINALITY AS k(key, n) ORDER BY k.n", [
  "text[]",
]);

/**
 * Holds the locks named `keys` until the transaction on `tx` ends, taken one after another in the
 * order given, in one statement whatever the count.
 */
export async function lockInOrder(tx: Tx, keys: string[]): Promise<void> {
  await tx.run(ADVISORY_LOCKS, [keys]);
}

/**
 * `lockInOrder` in the keys' sorted order: two transactions that lock several keys of one kind this
 * way never wait on each other.
 */
export async function lockAll(tx: Tx, keys: string[]): Promise<void> {
  await lockInOrder(tx, [...new Set(keys)].sort());
}

/** Postgres's code for a row that refers to one that is gone (a foreign key). */
export const FOREIGN_KEY_VIOLATION = "23503";
