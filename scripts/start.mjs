// npm start: the production server (after `npm run build`). DATABASE_URL and AUTH_SECRET must come
// from the environment: without them the server refuses to start (here and in lib/env.ts).
import { join } from "node:path";
import { ROOT } from "./lib/paths.mjs";
import { serve } from "./lib/serve.mjs";

if (!process.env.DATABASE_URL) {
  console.error('DATABASE_URL is required for npm start (production). See README.md, "Production".');
  process.exit(1);
}

await serve({
  purpose: "start",
  command: process.execPath,
  args: [join(ROOT, "scripts", "server.mjs")],
  env: (env) => ({ ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" }),
});
