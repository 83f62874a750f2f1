import { startDatabase } from "./database.mjs";
import { migrate } from "./migrate.mjs";
import { addCleanup, handleSignals, supervise } from "./process.mjs";

/** Database → migrations → the app server (`command args`), all stopped together. */
export async function serve({ purpose, command, args, env: makeEnv }) {
  handleSignals({ exitCode: 0 });
  const database = await startDatabase({ purpose });
  addCleanup(database.stop);
  await migrate(database.url);
  await supervise(command, args, { env: makeEnv({ ...process.env, DATABASE_URL: database.url }) });
}
