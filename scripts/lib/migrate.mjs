import pg from "pg";
import { runPrisma } from "../prisma-engine/env.mjs";
import { startDatabase } from "./database.mjs";
import { addCleanup } from "./process.mjs";

/** Applies the committed migrations (prisma/migrations) to the database at `url`; `quiet`: errors only. */
export async function migrate(url, { quiet = false } = {}) {
  const stdio = quiet ? ["ignore", "ignore", "inherit"] : "inherit";
  const code = await runPrisma(["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio });
  if (code !== 0) throw new Error(`Applying database migrations failed (prisma migrate deploy exited with ${code}).`);
}

/**
 * For the measuring scripts (bench, attacks, lighthouse): a throwaway database (scripts/lib/database.mjs)
 * with the migrations applied, and a client connected to it; both stopped by the runner's cleanups.
 */
export async function startMigratedDatabase({ purpose, log }) {
  const database = await startDatabase({ purpose, log });
  addCleanup(database.stop);
  await migrate(database.url, { quiet: true });
  const client = new pg.Client({ connectionString: database.url });
  // Ctrl-C reaches the database's processes too, and they close this connection while it is idle:
  // that must not crash the runner before its cleanups. A real loss shows at the next query anyway.
  client.on("error", () => {});
  await client.connect();
  addCleanup(() => client.end());
  return { database, client };
}
