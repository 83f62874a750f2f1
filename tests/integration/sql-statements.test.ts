import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_STATEMENTS, statement, type Statement } from "@/lib/server/sql";
import { mismatches, type Declaration } from "../support/describe-sql";

// Every statement lib/server declares (lib/server/sql.ts), checked against the migrated schema.
// Importing every server module declares every statement.
const modules = import.meta.glob("/lib/server/**/*.ts", { eager: true });

let db: postgres.Sql;
beforeAll(() => {
  db = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => undefined });
});
afterAll(() => db.end());

describe("declared SQL statements", () => {
  it("are all found", () => {
    expect(Object.keys(modules).length).toBeGreaterThan(20);
    expect(ALL_STATEMENTS.length).toBeGreaterThan(20);
  });

  it("match the schema: parameter types, column names, types and NOT NULL", async () => {
    const wrong: string[] = [];
    for (const declared of ALL_STATEMENTS) {
      for (const problem of await mismatches(db, declared)) wrong.push(`${problem}\n    in: ${declared.text.replace(/\s+/g, " ").slice(0, 160)}`);
    }
    expect(wrong).toEqual([]);
  });

  it("fail on a renamed column, a wrong type, a missing alias or a nullable column declared NOT NULL", async () => {
    const bad: Declaration[] = [
      { text: `SELECT starts_at AS "startsAt" FROM plans WHERE id = $1`, params: ["uuid"], columns: { startsAt: "text" } },
      { text: `SELECT starts_at FROM plans WHERE id = $1`, params: ["uuid"], columns: { startsAt: "timestamptz" } },
      { text: `SELECT matched_at AS "matchedAt" FROM plans WHERE id = $1`, params: ["uuid"], columns: { matchedAt: "timestamptz" } },
      { text: `SELECT id FROM plans WHERE user_id = $1`, params: ["text"], columns: { id: "uuid" } },
      { text: `SELECT begins_at FROM plans`, params: [], columns: { begins_at: "timestamptz" } },
    ];
    for (const declared of bad) expect(await mismatches(db, declared), declared.text).not.toEqual([]);
    expect(await mismatches(db, statement(`SELECT matched_at AS "matchedAt" FROM plans WHERE id = $1`, ["uuid"], { matchedAt: "timestamptz?" }))).toEqual([]);

    // The app's own statements, against a schema whose plan window column was renamed.
    const renamed = await db
      .begin(async (tx) => {
        await tx`ALTER TABLE plans RENAME COLUMN starts_at TO begins_at`;
        const failing = [];
        for (const declared of ALL_STATEMENTS) if ((await mismatches(tx, declared)).length) failing.push(declared);
        throw Object.assign(new Error("roll back"), { failing });
      })
      .catch((error: { failing?: Statement[] }) => error.failing ?? []);
    expect(renamed.length).toBeGreaterThan(3);
  });
});
