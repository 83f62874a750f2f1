// npm start: the production server (after `npm run build`). Secrets must come from the environment:
// a missing AUTH_SECRET stops the server at start-up (lib/env.ts via instrumentation.ts).
import { serve } from "./lib/serve.mjs";

await serve({ purpose: "start", nextCommand: "start", env: (env) => ({ NEXT_TELEMETRY_DISABLED: "1", ...env, NODE_ENV: "production" }) });
