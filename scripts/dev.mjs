// npm run dev: the development server, with generated local secrets (scripts/lib/secrets.mjs).
import { withLocalSecrets } from "./lib/secrets.mjs";
import { serve } from "./lib/serve.mjs";

await serve({ purpose: "dev", nextCommand: "dev", env: (env) => withLocalSecrets({ ...env, NODE_ENV: "development", NEXT_TELEMETRY_DISABLED: "1" }) });
