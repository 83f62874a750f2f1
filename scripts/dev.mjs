// npm run dev: the development server, on the embedded database unless DATABASE_URL is set,
// with generated local secrets (scripts/lib/secrets.mjs).
import { NEXT_BIN } from "./lib/paths.mjs";
import { withLocalSecrets } from "./lib/secrets.mjs";
import { serve } from "./lib/serve.mjs";

await serve({
  purpose: "dev",
  command: process.execPath,
  args: [NEXT_BIN, "dev", ...process.argv.slice(2)],
  env: (env) => withLocalSecrets({ ...env, NODE_ENV: "development", NEXT_TELEMETRY_DISABLED: "1" }),
});
