// npm run worker: the background jobs (match safety net, push delivery, retention sweep:
// lib/server/jobs/worker.ts) in a process of their own, on the same database as the app: DATABASE_URL,
// or else the embedded development database (shared with a running `npm run dev`). Outside production
// it fills in the development secrets (.data/secrets.json) the jobs need, as `npm run dev` does.
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
await supervise(process.execPath, serverTsArgs(join(ROOT, "scripts", "worker-entry.ts")), { env: production ? env : withLocalSecrets(env) });
