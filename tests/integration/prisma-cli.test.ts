// The real Prisma CLI, run through scripts/prisma.mjs (and so, offline, through the wasm
// schema-engine stand-in in scripts/prisma-engine/), against the Postgres server of DATABASE_URL.
// Everything happens in a scratch project folder and a scratch database created and dropped here;
// the URL's role must be allowed to create databases (the stand-in creates shadow databases too).
// The steps build on each other, in order.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const WRAPPER = join(ROOT, "scripts/prisma.mjs");
const CLI_TIMEOUT = 120_000; // one CLI call takes 2–3 s on an idle machine, 10 s+ under load
const INIT = "20240101000000_init";
const BROKEN = "29990101000000_broken";

const SCHEMA = `datasource db {
  provider = "postgresql"
}

model Note {
  id   Int    @id @default(autoincrement())
  body String
}
`;
// Exactly what Prisma generates for SCHEMA, so that `migrate dev` finds nothing to do.
const INIT_SQL = `-- CreateTable
CREATE TABLE "Note" (
    "id" SERIAL NOT NULL,
    "body" TEXT NOT NULL,

    CONSTRAINT "Note_pkey" PRIMARY KEY ("id")
);
`;
const TAG_MODEL = `
model Tag {
  id   Int    @id @default(autoincrement())
  name String @unique
}
`;

const serverUrl = process.env.DATABASE_URL;
const dbName = `prisma_cli_test_${randomBytes(4).toString("hex")}`;
let project = "";
let scratchUrl = "";
let shadowsBefore: string[] = [];

function urlFor(database: string): string {
  const url = new URL(serverUrl!);
  url.pathname = `/${database}`;
  url.searchParams.delete("schema");
  return url.toString();
}

/** One query on a short-lived connection (`migrate reset` may drop and recreate the database). */
async function query<T extends pg.QueryResultRow>(sql: string, database = dbName): Promise<T[]> {
  const client = new pg.Client({ connectionString: urlFor(database) });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function tables(): Promise<string[]> {
  const rows = await query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
  return rows.map((row) => row.name);
}

async function migrationRows() {
  return query<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>(
    "SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at",
  );
}

/** Shadow databases the stand-in names `prisma_migrate_shadow_db_<random>_<main database>`. */
async function shadowDatabases(): Promise<string[]> {
  const rows = await query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE 'prisma\\_migrate\\_shadow\\_db\\_%' ORDER BY 1",
    "postgres",
  );
  return rows.map((row) => row.datname);
}

function migrationFolders(): string[] {
  return readdirSync(join(project, "prisma/migrations"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

type Run = { code: number | null; stdout: string; stderr: string };

/** `node scripts/prisma.mjs <args>` in the scratch project, non-interactive (stdin is not a TTY). */
function prisma(...args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: scratchUrl,
    CHECKPOINT_DISABLE: "1", // no update check over the network
    NO_COLOR: "1",
  };
  delete env.PRISMA_SCHEMA_ENGINE_BINARY; // let the wrapper choose, as it does for `npm run prisma`
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRAPPER, ...args], { cwd: project, env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end();
  });
}

/** Asserts the exit code, showing the CLI's output when it differs. */
function expectExit(run: Run, code: number) {
  expect(run.code, `exit code\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`).toBe(code);
}

beforeAll(async () => {
  if (!serverUrl) throw new Error("DATABASE_URL must name a Postgres server (a role that may create databases).");
  shadowsBefore = await shadowDatabases();
  await query(`CREATE DATABASE "${dbName}"`, "postgres");
  scratchUrl = urlFor(dbName);

  project = mkdtempSync(join(tmpdir(), "prisma-cli-test-"));
  mkdirSync(join(project, "prisma/migrations", INIT), { recursive: true });
  // A plain object: `prisma/config` cannot be imported from a folder outside the repository.
  writeFileSync(
    join(project, "prisma.config.ts"),
    `export default {
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
};
`,
  );
  writeFileSync(join(project, "prisma/schema.prisma"), SCHEMA);
  writeFileSync(join(project, "prisma/migrations/migration_lock.toml"), 'provider = "postgresql"\n');
  writeFileSync(join(project, "prisma/migrations", INIT, "migration.sql"), INIT_SQL);
}, 30_000);

afterAll(async () => {
  if (project) rmSync(project, { recursive: true, force: true });
  if (!serverUrl) return;
  await query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`, "postgres");
  // Leftovers of a failed run (the last test asserts there are none).
  for (const name of await shadowDatabases()) {
    if (!shadowsBefore.includes(name) && name.endsWith(`_${dbName}`)) {
      await query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`, "postgres");
    }
  }
}, 30_000);

describe("prisma CLI via scripts/prisma.mjs", () => {
  it(
    "reports which schema engine it uses",
    async () => {
      const run = await prisma("--version");
      expectExit(run, 0);
      const engines = join(ROOT, "node_modules/@prisma/engines");
      const native = readdirSync(engines).some((file) => file.startsWith("schema-engine-"));
      expect(run.stdout).toMatch(native ? /Schema Engine\s+: schema-engine-cli/ : /Schema Engine\s+: .*wasm stand-in.*resolved by PRISMA_SCHEMA_ENGINE_BINARY/);
    },
    CLI_TIMEOUT,
  );

  it(
    "migrate deploy applies the migrations to an empty database",
    async () => {
      expect(await tables()).toEqual([]);
      const run = await prisma("migrate", "deploy");
      expectExit(run, 0);
      expect(run.stdout).toContain("1 migration found in prisma/migrations");
      expect(run.stdout).toContain(INIT);
      expect(await tables()).toEqual(["Note", "_prisma_migrations"]);
      const [applied, ...others] = await migrationRows();
      expect(others).toEqual([]);
      expect(applied).toMatchObject({ migration_name: INIT, rolled_back_at: null });
      expect(applied?.finished_at).toBeInstanceOf(Date);
    },
    CLI_TIMEOUT,
  );

  it(
    "migrate dev without a schema change creates nothing",
    async () => {
      await query(`INSERT INTO "Note" (body) VALUES ('kept')`);
      const run = await prisma("migrate", "dev", "--name", "nothing");
      expectExit(run, 0);
      expect(run.stdout).toContain("Already in sync");
      expect(migrationFolders()).toEqual([INIT]);
      // The shadow database really was a separate one: the main database kept its data.
      expect(await query(`SELECT body FROM "Note"`)).toEqual([{ body: "kept" }]);
    },
    CLI_TIMEOUT,
  );

  it(
    "migrate dev with a schema change writes and applies a new migration",
    async () => {
      writeFileSync(join(project, "prisma/schema.prisma"), SCHEMA + TAG_MODEL);
      const run = await prisma("migrate", "dev", "--name", "add_tag");
      expectExit(run, 0);
      const folders = migrationFolders();
      expect(folders).toHaveLength(2);
      expect(folders[0]).toBe(INIT);
      const added = folders[1]!;
      expect(added).toMatch(/^\d{14}_add_tag$/);
      const sql = readFileSync(join(project, "prisma/migrations", added, "migration.sql"), "utf8");
      expect(sql).toContain('CREATE TABLE "Tag"');
      expect(sql).toContain('CREATE UNIQUE INDEX "Tag_name_key"');
      expect(await tables()).toEqual(["Note", "Tag", "_prisma_migrations"]);
      expect((await migrationRows()).map((row) => row.migration_name)).toEqual([INIT, added]);
      expect(await query(`SELECT body FROM "Note"`)).toEqual([{ body: "kept" }]);

      const status = await prisma("migrate", "status");
      expectExit(status, 0);
      expect(status.stdout).toContain("Database schema is up to date!");
    },
    CLI_TIMEOUT,
  );

  it(
    "reports drift: migrate diff exits 2 with the difference, migrate dev refuses to go on",
    async () => {
      await query(`ALTER TABLE "Note" ADD COLUMN "drifted" INTEGER`);

      const diff = await prisma("migrate", "diff", "--from-migrations", "prisma/migrations", "--to-config-datasource", "--script", "--exit-code");
      expectExit(diff, 2);
      expect(diff.stdout).toMatch(/ALTER TABLE "(public"\.")?Note" ADD COLUMN\s+"drifted" INTEGER/);

      const dbVsSchema = await prisma("migrate", "diff", "--from-config-datasource", "--to-schema", "prisma/schema.prisma", "--exit-code");
      expectExit(dbVsSchema, 2);
      expect(dbVsSchema.stdout).toContain("drifted");

      const dev = await prisma("migrate", "dev", "--name", "on_drift");
      expect(dev.code).not.toBe(0);
      expect(dev.stdout + dev.stderr).toContain("Drift detected");
      expect(migrationFolders()).toHaveLength(2);
      expect(await query(`SELECT body FROM "Note"`)).toEqual([{ body: "kept" }]); // not reset
    },
    CLI_TIMEOUT,
  );

  it(
    "migrate reset --force empties the database and reapplies every migration",
    async () => {
      const run = await prisma("migrate", "reset", "--force");
      expectExit(run, 0);
      expect(run.stdout).toContain("Database reset successful");
      expect(await tables()).toEqual(["Note", "Tag", "_prisma_migrations"]);
      expect(await query(`SELECT * FROM "Note"`)).toEqual([]);
      const columns = await query<{ name: string }>("SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'Note' ORDER BY 1");
      expect(columns.map((column) => column.name)).toEqual(["body", "id"]);
      expect(await migrationRows()).toHaveLength(2);
    },
    CLI_TIMEOUT,
  );

  it(
    "a broken migration fails deploy, shows in status, and can be resolved as rolled back",
    async () => {
      const folder = join(project, "prisma/migrations", BROKEN);
      mkdirSync(folder);
      writeFileSync(join(folder, "migration.sql"), `CREATE TABLE "Partial" (id INT);\nSELECT * FROM "does_not_exist";\n`);

      const pending = await prisma("migrate", "status");
      expectExit(pending, 1);
      expect(pending.stdout).toContain("not yet been applied");
      expect(pending.stdout).toContain(BROKEN);

      const deploy = await prisma("migrate", "deploy");
      expectExit(deploy, 1);
      expect(deploy.stdout + deploy.stderr).toContain("does_not_exist");
      expect(await tables()).not.toContain("Partial"); // a migration script applies all or nothing
      expect((await migrationRows()).at(-1)).toMatchObject({ migration_name: BROKEN, finished_at: null, rolled_back_at: null });

      const failed = await prisma("migrate", "status");
      expectExit(failed, 1);
      expect(failed.stdout + failed.stderr).toMatch(/migrations? have failed/);
      expect(failed.stdout + failed.stderr).toContain(BROKEN);

      const resolve = await prisma("migrate", "resolve", "--rolled-back", BROKEN);
      expectExit(resolve, 0);
      expect(resolve.stdout).toContain(`Migration ${BROKEN} marked as rolled back.`);
      expect((await migrationRows()).at(-1)?.rolled_back_at).toBeInstanceOf(Date);

      // The fixed script holds semicolons inside a function body: it must reach Postgres whole.
      writeFileSync(
        join(folder, "migration.sql"),
        `CREATE TABLE "Fixed" (id INT);\nCREATE FUNCTION "semi"() RETURNS text LANGUAGE sql AS $$ SELECT 'a;b' $$;\n`,
      );
      const redeploy = await prisma("migrate", "deploy");
      expectExit(redeploy, 0);
      expect(await tables()).toContain("Fixed");
      expect(await query(`SELECT "semi"() AS value`)).toEqual([{ value: "a;b" }]);
    },
    CLI_TIMEOUT * 2,
  );

  it("leaves no shadow database behind", async () => {
    const created = (await shadowDatabases()).filter((name) => !shadowsBefore.includes(name));
    expect(created).toEqual([]);
  });
});
