import "server-only";
import { env } from "@/lib/env";
import { startBackgroundJobs } from "./jobs/scheduler";
import { registerLiveEventsHandler } from "./live/live-stream-node";

/** Stops the process with a readable message when the configuration is invalid (called at server start). */
export function exitOnInvalidConfiguration(): void {
  try {
    env();
  } catch (error) {
    console.error(`\n${(error as Error).message}\n`);
    process.exit(1);
  }
}

/** Everything a server process does once at start. */
export function startServer(): void {
  exitOnInvalidConfiguration();
  // Registered after the configuration is known to be valid; only scripts/server.mjs (production)
  // looks for it — `next dev` keeps serving live streams through app/api/events/route.ts.
  registerLiveEventsHandler();
  startBackgroundJobs();
}
