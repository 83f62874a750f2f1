// Runs the standing-plan job once at a chosen instant (argv[2], ISO), against DATABASE_URL: the e2e
// suite's clock for "Saturday 6:30 in their time zone" (the app's own job runs on the real clock).
// Run through tsx with the react-server condition, as scripts/worker-entry.ts is.
import { db, pool } from "@/lib/server/db";
import { spawnDueOccurrences } from "@/lib/server/plans/standing";

const at = new Date(process.argv[2] ?? "");
if (Number.isNaN(at.getTime())) throw new Error("usage: spawn-standing.ts <ISO time>");
console.log(JSON.stringify(await spawnDueOccurrences(at)));
await db().$disconnect();
await pool().end();
