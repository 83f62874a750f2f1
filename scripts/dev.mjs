// npm run dev: the development server, on the embedded database unless DATABASE_URL is set,
// with generated local secrets (scripts/lib/secrets.mjs). It is scripts/server.mjs — the server
// `npm start` runs — in development mode, so a client is held to the same rules in both (its
// address from the connection, never from a header it wrote; the same body limit).
import { join } from "node:path";
import { ROOT } from "./lib/paths.mjs";
import { withLocalSecrets } from "./lib/secrets.mjs";
import { serve } from "./lib/serve.mjs";

await serve({
  purpose: "dev",
  command: process.execPath,
  args: [join(ROOT, "scripts", "server.mjs")],
  env: (env) => withLocalSecrets({ ...env, NODE_ENV: "development", NEXT_TELEMETRY_DISABLED: "1" }),
});
