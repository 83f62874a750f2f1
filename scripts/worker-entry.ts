// Entry point of `npm run worker` (run by scripts/worker.mjs through tsx with the react-server
// condition, which is what makes lib/server's `import "server-only"` resolve outside Next.js).
import { runWorker } from "@/lib/server/jobs/worker";
import { db, pool } from "@/lib/server/db";

const controller = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => controller.abort());
await runWorker(controller.signal);
await db().$disconnect();
await pool().end();
