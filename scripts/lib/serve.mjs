import { startDatabase } from "./database.mjs";
import { migrate } from "./migrate.mjs";
import { NEXT_BIN } from "./paths.mjs";
import { supervise } from "./process.mjs";

/** Database (embedded unless DATABASE_URL is set) → migrations → `next <command>`, stopped together. */
export async function serve({ purpose, nextCommand, env: makeEnv }) {
  const database = await startDatabase({ purpose });
  try {
    await migrate(database.url);
  } catch (error) {
    await database.stop();
    throw error;
  }
  const env = makeEnv({ ...process.env, DATABASE_URL: database.url });
  supervise(process.execPath, [NEXT_BIN, nextCommand, ...process.argv.slice(2)], { env, cleanup: database.stop });
}
