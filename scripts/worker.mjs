// npm run worker: the background jobs (match safety net) in a process of their own, on the same
// database as the app: DATABASE_URL, or the embedded development database when it is unset.
import { join } from "node:path";
import { startDatabase } from "./lib/database.mjs";
import { ROOT, serverTsArgs } from "./lib/paths.mjs";
import { addCleanup, handleSignals, supervise } from "./lib/process.mjs";
import { withLocalSecrets } from "./lib/secrets.mjs";

handleSignals({ exitCode: 0 });
const production = process.env.NODE_ENV === "production";
const database = await startDatabase({ purpose: production ? "start" : "dev" });
addCleanup(database.stop);
const env = { ...process.env, DATABASE_URL: database.url };
await supervise(
  process.execPath,
  serverTsArgs(join(ROOT, "scripts", "worker-entry.ts")),
  { env: production ? env : withLocalSecrets(env) },
);
