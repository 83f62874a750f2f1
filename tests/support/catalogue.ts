import { pool } from "@/lib/server/db";

// The database's own catalogue, read live, for tests that must cover *every* table holding user data
// (export, account deletion): a table added later is found here without anyone listing it.

/** A column holding a user's id: it has a foreign key to users(id). */
export type UserReference = { table: string; column: string };

/**
 * Every (table, column) with a foreign key to users(id) in the current schema, sorted. A composite
 * key contributes each of its columns that points at users.id.
 */
export async function userReferences(): Promise<UserReference[]> {
  const { rows } = await pool().query<UserReference>(
    `SELECT child.relname AS "table", attribute.attname AS "column"
     FROM pg_constraint fk
     JOIN pg_class child ON child.oid = fk.conrelid
     JOIN pg_namespace ns ON ns.oid = child.relnamespace
     JOIN pg_class parent ON parent.oid = fk.confrelid
     CROSS JOIN LATERAL unnest(fk.conkey, fk.confkey) AS pair(child_attnum, parent_attnum)
     JOIN pg_attribute attribute ON attribute.attrelid = fk.conrelid AND attribute.attnum = pair.child_attnum
     JOIN pg_attribute target ON target.attrelid = fk.confrelid AND target.attnum = pair.parent_attnum
     WHERE fk.contype = 'f' AND ns.nspname = current_schema() AND parent.relname = 'users' AND target.attname = 'id'
     ORDER BY child.relname COLLATE "C", attribute.attname COLLATE "C"`,
  );
  return rows;
}

/** Every application table in the current schema (Prisma's `_prisma_migrations` ledger excluded), sorted. */
export async function tablesInSchema(): Promise<string[]> {
  const { rows } = await pool().query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables
     WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'
     ORDER BY tablename COLLATE "C"`,
  );
  return rows.map((row) => row.name);
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** How many rows of `table` have `userId` in any of `columns` (names as `userReferences` returns them). */
export async function countRowsReferencing(table: string, columns: string[], userId: string): Promise<number> {
  const where = columns.map((column) => `${quote(column)} = $1`).join(" OR ");
  const { rows } = await pool().query<{ count: string }>(`SELECT count(*) AS count FROM ${quote(table)} WHERE ${where}`, [userId]);
  return Number(rows[0]?.count ?? 0);
}
