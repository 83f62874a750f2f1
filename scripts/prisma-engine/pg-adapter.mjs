// The Postgres side of the schema-engine stand-in (see schema-engine.mjs for the big picture):
// a @prisma/adapter-pg factory with three adapter-pg 7.10.1 bugs worked around from the outside
// (node_modules stays untouched), plus the few admin operations the CLI asks the engine for.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { ColumnTypeEnum, DriverAdapterError } from "@prisma/driver-adapter-utils";

const PG_CHAR_OID = 18; // Postgres's internal one-byte `"char"` type
const PG_TEXT_OID = 25;
const CHAR_COLUMNS = Symbol("charColumns");

/** An error carrying the Prisma error code (P1001, P1003, …) the CLI expects from the engine. */
export class EngineError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/**
 * Bug 1: the catalogue queries of the schema engine select `"char"` columns (pg_constraint.contype,
 * pg_class.relkind, ...), and adapter-pg throws UnsupportedNativeDataType on OID 18. This client
 * relabels them as text so the adapter accepts the rows, and remembers which columns they were
 * (on the rows array, which the adapter passes through untouched) so that `markCharColumns` can
 * report them to the engine as Character: as plain Text, the engine panics on PG 18, whose
 * pg_constraint also lists NOT NULL constraints.
 */
class CharTolerantClient extends pg.Client {
  query(config, values, callback) {
    if (typeof values === "function") [callback, values] = [values, undefined];
    if (typeof callback === "function") {
      return super.query(config, values, (err, res) => callback(err, err ? res : relabelChar(res)));
    }
    const out = super.query(config, values);
    return typeof out?.then === "function" ? out.then(relabelChar) : out;
  }
}

function relabelChar(result) {
  if (Array.isArray(result)) return result.map(relabelChar);
  const charColumns = [];
  result?.fields?.forEach((field, i) => {
    if (field.dataTypeID !== PG_CHAR_OID) return;
    field.dataTypeID = PG_TEXT_OID;
    charColumns.push(i);
  });
  if (charColumns.length > 0) result.rows[CHAR_COLUMNS] = charColumns;
  return result;
}

/** Patches an adapter (and every transaction it opens) to report relabelled columns as Character. */
function markCharColumns(queryable) {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of result.rows[CHAR_COLUMNS] ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
  if (queryable.startTransaction) {
    const startTransaction = queryable.startTransaction.bind(queryable);
    queryable.startTransaction = async (...args) => markCharColumns(await startTransaction(...args));
  }
  return queryable;
}

/**
 * adapter-pg's executeScript splits scripts on every ";", which breaks migrations holding a
 * semicolon inside a string or a function body. Sending the whole script as one simple query is
 * what the native engine does (and gives the same all-or-nothing implicit transaction).
 */
function wholeScripts(adapter) {
  adapter.executeScript = async (script) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      adapter.onError(error); // rethrows as the adapter's DriverAdapterError
    }
  };
  return adapter;
}

/**
 * Bug 3: adapter-pg ignores Prisma's `?schema=` URL parameter. Strip it from the URL and apply it
 * as the connection's search_path (and, in createAdapterFactory, as the adapter's `schema` option
 * the engine reads the target schema from).
 */
export function parseDatabaseUrl(url) {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") || undefined;
  parsed.searchParams.delete("schema");
  if (schema) {
    const options = parsed.searchParams.get("options");
    const searchPath = `-c search_path="${schema.replaceAll('"', '""')}"`;
    parsed.searchParams.set("options", options ? `${options} ${searchPath}` : searchPath);
  }
  return { connectionString: parsed.toString(), schema, database: decodeURIComponent(parsed.pathname.slice(1)) };
}

function withDatabase(connectionString, database) {
  const url = new URL(connectionString);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

const quoteIdent = (name) => `"${name.replaceAll('"', '""')}"`;

class StandInPgFactory extends PrismaPg {
  #connectionString;
  #schema;
  #shadowDatabaseUrl;
  /** Shadow databases created by this process that still need dropping. */
  #shadows = new Map();

  constructor({ connectionString, schema }, { shadowDatabaseUrl } = {}) {
    super({ connectionString, Client: CharTolerantClient }, { schema });
    this.#connectionString = connectionString;
    this.#schema = schema;
    this.#shadowDatabaseUrl = shadowDatabaseUrl;
  }

  async connect() {
    return markCharColumns(wholeScripts(await super.connect()));
  }

  /**
   * Bug 2: adapter-pg opens the "shadow" pool with `{...config, database}`, but pg lets the
   * connectionString override `database`, so the shadow would be the MAIN database, which
   * `migrate dev` then resets. Create a throwaway database and point a new URL at it instead.
   */
  async connectToShadowDb() {
    if (this.#shadowDatabaseUrl) {
      // The native engine would wipe that database first; refuse rather than guess.
      throw new DriverAdapterError({
        kind: "postgres",
        code: "N/A",
        severity: "ERROR",
        message:
          "datasource.shadowDatabaseUrl is not supported by the wasm schema-engine stand-in (scripts/prisma-engine); remove it to use a temporary shadow database.",
      });
    }
    // Going through an adapter (rather than plain pg) lets it translate errors for the engine,
    // e.g. a role without CREATEDB.
    const admin = await this.connect();
    // Named after the main database too, so that a leftover can be traced to whoever made it.
    const main = new URL(this.#connectionString).pathname.slice(1);
    const database = `prisma_migrate_shadow_db_${randomUUID().slice(0, 8)}_${decodeURIComponent(main)}`.slice(0, 63);
    try {
      await admin.executeScript(`CREATE DATABASE ${quoteIdent(database)}`);
    } catch (error) {
      await admin.dispose();
      throw error;
    }
    const shadow = new StandInPgFactory({
      connectionString: withDatabase(this.#connectionString, database),
      schema: this.#schema,
    });
    const adapter = await shadow.connect();
    const dispose = adapter.dispose.bind(adapter);
    // Close the shadow's pool before dropping: Postgres refuses to drop a database in use.
    const drop = async () => {
      if (!this.#shadows.delete(database)) return;
      try {
        await dispose().catch(() => {});
        await admin.executeScript(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
      } finally {
        await admin.dispose();
      }
    };
    this.#shadows.set(database, drop);
    adapter.dispose = drop;
    return adapter;
  }

  /** Drops shadow databases the engine did not dispose of (e.g. after an error). */
  async dropShadowDatabases() {
    await Promise.all([...this.#shadows.values()].map((drop) => drop()));
  }
}

export function createAdapterFactory(url, options) {
  return new StandInPgFactory(parseDatabaseUrl(url), options);
}

/**
 * Runs one statement on a short-lived connection to `connectionString`; errors are reported as
 * being about `target` (the database the user named, not the maintenance one we connected to).
 */
async function adminQuery(connectionString, sql, target = connectionString) {
  const client = new pg.Client({ connectionString });
  try {
    await client.connect();
    return await client.query(sql);
  } catch (error) {
    throw toEngineError(error, target);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Maps driver errors to the Prisma error codes the CLI branches on (P1003 → create the database). */
function toEngineError(error, connectionString) {
  if (error instanceof EngineError) return error;
  const { hostname, port, pathname } = new URL(connectionString);
  const location = `${hostname}:${port || 5432}`;
  const database = decodeURIComponent(pathname.slice(1));
  switch (error.code) {
    case "3D000":
      return new EngineError("P1003", `Database \`${database}\` does not exist on the database server at \`${location}\`.`);
    case "42P04":
      return new EngineError("P1009", `Database \`${database}\` already exists on the database server at \`${location}\``);
    case "28P01":
    case "28000":
      return new EngineError("P1000", `Authentication failed against database server at \`${location}\`, the provided database credentials are not valid.`);
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
      return new EngineError("P1001", `Can't reach database server at \`${location}\``);
    default:
      return new EngineError(undefined, error.message);
  }
}

/**
 * The one-shot `cli <command>` operations. They go straight through pg: the wasm engine has no
 * equivalent, and create-database must work before the target database exists.
 */
export async function runAdminCommand(command, url) {
  const { connectionString, database } = parseDatabaseUrl(url);
  // Like the native engine, manage databases from the server's default `postgres` database.
  const maintenance = withDatabase(connectionString, "postgres");
  switch (command) {
    case "can-connect-to-database":
      await adminQuery(connectionString, "SELECT 1");
      return "Connection successful";
    case "create-database":
      await adminQuery(maintenance, `CREATE DATABASE ${quoteIdent(database)}`, connectionString);
      return `Database '${database}' was successfully created.`;
    case "drop-database":
      await adminQuery(maintenance, `DROP DATABASE ${quoteIdent(database)}`, connectionString);
      return `The database '${database}' was successfully dropped.`;
    default:
      throw new EngineError(undefined, `Unknown schema engine cli command: ${command}`);
  }
}
