import "server-only";
import { env } from "@/lib/env";
import { startBackgroundJobs } from "./jobs/scheduler";

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
  startBackgroundJobs();
}
