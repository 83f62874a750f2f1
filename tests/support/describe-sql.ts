import type postgres from "postgres";
import type { Statement } from "@/lib/server/sql";

/** What a statement declares (a test may describe declarations statement() never made). */
export type Declaration = Pick<Statement, "text" | "params" | "columns">;

/**
 * What the database says is wrong with a declared statement (lib/server/sql.ts), without running it:
 * Postgres parses it and describes its parameters and result columns (the protocol's Describe step).
 * Empty when the declaration matches: each parameter's type, each column's name and type, and no
 * column declared NOT NULL that is read from a table column allowing NULL.
 */
export async function mismatches(db: postgres.Sql | postgres.TransactionSql, declared: Declaration): Promise<string[]> {
  let described: postgres.Statement;
  try {
    described = await db.unsafe(declared.text).describe();
  } catch (error) {
    return [`does not parse: ${(error as Error).message}`];
  }
  const names = await typeNames(db);
  const problems: string[] = [];
  const paramTypes = described.types.map((oid) => names.get(oid) ?? `oid ${oid}`);
  const declaredParams = declared.params.map((param) => param.replace(/\?$/, ""));
  if (paramTypes.join(",") !== declaredParams.join(",")) problems.push(`parameters are (${paramTypes.join(", ")}), declared (${declaredParams.join(", ")})`);
  if (!declared.columns) return problems;

  const expected = new Map(Object.entries(declared.columns));
  for (const column of described.columns) {
    const type = names.get(column.type) ?? `oid ${column.type}`;
    const wanted = expected.get(column.name);
    expected.delete(column.name);
    if (!wanted) {
      problems.push(`returns "${column.name}" (${type}), which is not declared`);
      continue;
    }
    if (wanted.replace(/\?$/, "") !== type) problems.push(`"${column.name}" is ${type}, declared ${wanted}`);
    if (!wanted.endsWith("?") && column.table !== 0 && (await nullable(db, column.table, column.number))) {
      problems.push(`"${column.name}" comes from a column that allows NULL, declared ${wanted} (add "?")`);
    }
  }
  for (const name of expected.keys()) problems.push(`"${name}" is declared but not returned`);
  return problems;
}

const typeCache = new WeakMap<object, Promise<Map<number, string>>>();

/** Every type's catalogue name by oid; arrays as `elem[]`. */
function typeNames(db: postgres.Sql | postgres.TransactionSql): Promise<Map<number, string>> {
  let names = typeCache.get(db);
  if (!names) {
    names = db<{ oid: number; name: string }[]>`
      SELECT t.oid::int AS oid, CASE WHEN e.oid IS NOT NULL THEN e.typname || '[]' ELSE t.typname END AS name
      FROM pg_type t LEFT JOIN pg_type e ON t.typelem = e.oid AND t.typcategory = 'A'`.then((rows) => new Map(rows.map((row) => [row.oid, row.name])));
    typeCache.set(db, names);
  }
  return names;
}

async function nullable(db: postgres.Sql | postgres.TransactionSql, table: number, column: number): Promise<boolean> {
  const [row] = await db<{ notNull: boolean }[]>`SELECT attnotnull AS "notNull" FROM pg_attribute WHERE attrelid = ${table} AND attnum = ${column}`;
  return row ? !row.notNull : false;
}
