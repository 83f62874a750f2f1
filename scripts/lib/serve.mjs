import { startDatabase } from "./database.mjs";
import { migrate } from "./migrate.mjs";
import { addCleanup, handleSignals, supervise } from "./process.mjs";

/** Database → migrations → the app server (`command args`), all stopped together. */
export async function serve({ purpose, command, args, env: makeEnv }) {
  handleSignals({ exitCode: 0 });
  const database = await startDatabase({ purpose });
  addCleanup(database.stop);
  // Prisma's migrate holds a session advisory lock while it works: through a transaction pooler its lock
  // and unlock could run on different server connections. DATABASE_DIRECT_URL is Postgres itself.
  await migrate(database.embedded ? database.url : process.env.DATABASE_DIRECT_URL || database.url);
  await supervise(command, args, { env: makeEnv({ ...process.env, DATABASE_URL: database.url }) });
}
