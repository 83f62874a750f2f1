import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "@playwright/test";
import pg from "pg";
import { freePort } from "../../../scripts/lib/database.mjs";
import { newAccount, signUp, test as base, type Account } from "../support";

// "Never a stored row" is checked by counting every table before and after a fuzz run. The rest of
// the suite writes to the shared test database all the while (two workers), so each fuzz worker runs
// a production server of its own (scripts/server.mjs, as the suite's) on a database of its own, where
// only its requests write. Background jobs are off there for the same reason: the retention sweeper
// would delete rows on its own schedule.

export type Person = Account & { id: string; cookie: string };

export type FuzzApp = {
  base: URL;
  /** Queries the fuzz database. */
  sql<T extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>;
  /** Signs a new person up through the sign-up page, as the other specs do. */
  signUpPerson(name: string): Promise<Person>;
  /** The server's output since `mark` (a value from `logMark`). */
  logSince(mark: number): string;
  logMark(): number;
};

const MIGRATIONS = join(process.cwd(), "prisma", "migrations");

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A new database beside the suite's, with the committed migrations applied in order. */
async function createDatabase(suiteUrl: string, worker: number): Promise<string> {
  const suiteName = new URL(suiteUrl).pathname.slice(1);
  const name = `fuzz_${worker}_${suiteName}`;
  if (!suiteName.endsWith("_test") || !name.endsWith("_test")) throw new Error("the fuzz only writes to a *_test database");
  await withClient(suiteUrl, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  });
  const url = withDatabase(suiteUrl, name);
  // The migration files themselves (what `prisma migrate deploy` applies), without the CLI's ~4 s.
  const folders = readdirSync(MIGRATIONS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  await withClient(url, async (client) => {
    for (const folder of folders) await client.query(readFileSync(join(MIGRATIONS, folder, "migration.sql"), "utf8"));
  });
  return url;
}

async function startServer(databaseUrl: string, log: string[]): Promise<{ base: URL; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["scripts/server.mjs"], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NODE_ENV: "production",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      TRUSTED_PROXY_HOPS: "1",
      BACKGROUND_JOBS: "off",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const collect = (chunk: Buffer) => log.push(...chunk.toString("utf8").split("\n").filter(Boolean));
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const base = new URL(`http://127.0.0.1:${port}`);
  for (const started = Date.now(); Date.now() - started < 30_000; await new Promise((r) => setTimeout(r, 100))) {
    if (child.exitCode !== null) throw new Error(`the fuzz server exited: ${log.join("\n")}`);
    const status = await fetch(new URL("/sign-in", base)).then(
      (res) => res.status,
      () => 0,
    );
    if (status === 200) {
      // Each route's code loads on its first request. Signing up on a server that had served only
      // /sign-in twice ran into the app's 2 s database connect timeout here: load the pages first.
      for (const path of ["/sign-up", "/plans", "/friends", "/notifications", "/settings", "/settings/precision", "/settings/notifications"])
        await fetch(new URL(path, base));
      return { base, child };
    }
  }
  child.kill("SIGKILL");
  throw new Error(`the fuzz server did not start: ${log.join("\n")}`);
}

async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

async function signUpOn(browser: Browser, base: URL, name: string, sql: FuzzApp["sql"]): Promise<Person> {
  const context = await browser.newContext({
    baseURL: base.origin,
    extraHTTPHeaders: { "x-forwarded-for": `198.51.100.${1 + Math.floor(Math.random() * 250)}` },
  });
  try {
    const account = newAccount(name);
    await signUp(await context.newPage(), account);
    const session = (await context.cookies()).find((cookie) => cookie.name === "authjs.session-token");
    if (!session) throw new Error("no session cookie after signing up");
    const [row] = await sql<{ id: string }>("SELECT id FROM users WHERE email = $1", [account.email]);
    return { ...account, id: row!.id, cookie: `${session.name}=${session.value}` };
  } finally {
    await context.close();
  }
}

export const test = base.extend<object, { fuzzApp: FuzzApp }>({
  fuzzApp: [
    async ({ browser }, use, workerInfo) => {
      const suiteUrl = process.env.DATABASE_URL;
      if (!suiteUrl) throw new Error("DATABASE_URL is not set (run through npm test)");
      const databaseUrl = await createDatabase(suiteUrl, workerInfo.parallelIndex);
      const log: string[] = [];
      const { base, child } = await startServer(databaseUrl, log);
      const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
      const sql: FuzzApp["sql"] = async (text, values = []) => (await pool.query(text, values)).rows;
      try {
        await use({
          base,
          sql,
          signUpPerson: async (name) => {
            const mark = log.length;
            try {
              return await signUpOn(browser, base, name, sql);
            } catch (error) {
              throw new Error(`signing up on the fuzz server failed; its log meanwhile:\n${log.slice(mark).join("\n")}`, { cause: error });
            }
          },
          logMark: () => log.length,
          logSince: (mark) => log.slice(mark).join("\n"),
        });
      } finally {
        await pool.end();
        await stopServer(child);
        await withClient(suiteUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${new URL(databaseUrl).pathname.slice(1)}" WITH (FORCE)`));
      }
    },
    { scope: "worker", timeout: 90_000 },
  ],
});

export { expect } from "../support";

/** Rows per table of the fuzz database. */
export async function countRows(sql: FuzzApp["sql"]): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await sql<{ n: string }>(`SELECT count(*) AS n FROM "${name}"`);
    counts[name] = Number(row!.n);
  }
  return counts;
}
