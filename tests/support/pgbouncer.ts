import { execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { DATABASE_TIMEOUTS } from "@/lib/server/db";
import { freePort } from "../../scripts/lib/database.mjs";

/** Where Debian's `pgbouncer` package installs it (CI installs it: .ci/run). */
export const PGBOUNCER = "/usr/sbin/pgbouncer";

/**
 * The app's timeouts as PgBouncer's server connections take them (the app sends none through it):
 * README's "Connection pooling (PgBouncer)" shows the same line.
 */
export const CONNECT_QUERY = `SET statement_timeout = ${DATABASE_TIMEOUTS.statementMs}; SET lock_timeout = ${DATABASE_TIMEOUTS.lockMs}; SET idle_in_transaction_session_timeout = ${DATABASE_TIMEOUTS.idleInTransactionMs}`;

export type PgBouncer = {
  /** `databaseUrl` through PgBouncer (same user, password and database). */
  url: string;
  stop: () => Promise<void>;
};

/**
 * Starts PgBouncer in transaction mode in front of the database of `databaseUrl`, on a free port on
 * 127.0.0.1, with at most `poolSize` server connections; config, user list and log in a temporary
 * folder, stopped by pid.
 */
export async function startPgBouncer(databaseUrl: string, { poolSize }: { poolSize: number }): Promise<PgBouncer> {
  if (!existsSync(PGBOUNCER)) {
    throw new Error(`PgBouncer is not installed (${PGBOUNCER} is missing): install it with "apt-get install -y pgbouncer" (Debian's package, 1.18 or newer).`);
  }
  const target = new URL(databaseUrl);
  const database = decodeURIComponent(target.pathname.slice(1));
  const user = decodeURIComponent(target.username);
  const password = decodeURIComponent(target.password);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "overlap-pgbouncer-"));
  const quoted = (value: string) => `"${value.replaceAll('"', '""')}"`;
  writeFileSync(join(dir, "userlist.txt"), `${quoted(user)} ${quoted(password)}\n`, { mode: 0o600 });
  writeFileSync(
    join(dir, "pgbouncer.ini"),
    [
      "[databases]",
      `${database} = host=${target.hostname} port=${target.port || 5432} dbname=${database} connect_query='${CONNECT_QUERY}'`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      "unix_socket_dir =",
      "auth_type = scram-sha-256",
      `auth_file = ${join(dir, "userlist.txt")}`,
      "pool_mode = transaction",
      `default_pool_size = ${poolSize}`,
      "max_client_conn = 200",
      "",
    ].join("\n"),
  );
  // PgBouncer refuses to run as root: as root it runs as `postgres` (as the embedded database does),
  // which must be able to read its files.
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const [uid, gid] = ["-u", "-g"].map((flag) => Number(execFileSync("id", [flag, "postgres"]).toString().trim()));
    for (const file of ["", "userlist.txt", "pgbouncer.ini"]) chownSync(join(dir, file), uid!, gid!);
  }
  const child = spawn(PGBOUNCER, [...(asRoot ? ["-u", "postgres"] : []), join(dir, "pgbouncer.ini")], { stdio: ["ignore", "ignore", "pipe"] });
  let output = "";
  child.stderr.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  target.port = String(port);
  target.hostname = "127.0.0.1";
  const url = target.toString();

  const stop = async () => {
    // SIGTERM: immediate shutdown (SIGINT would wait for every client to leave).
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForLogin(url, () => child.exitCode !== null);
  } catch (error) {
    await stop();
    throw new Error(`PgBouncer did not accept a login on port ${port}: ${(error as Error).message}\nIts last messages:\n${output}`);
  }
  return { url, stop };
}

async function waitForLogin(url: string, gone: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return;
    } catch (error) {
      if (gone() || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
