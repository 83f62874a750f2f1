import "server-only";
import { env } from "@/lib/env";
import { runMatchSafetyNet } from "../matcher";

/** How often the app process looks for intents whose matching was interrupted. */
export const SAFETY_NET_EVERY_MS = 30_000;

const globals = globalThis as typeof globalThis & { __jobsStarted?: boolean };

/** Starts the background jobs in this process, once (called at server start by instrumentation.ts). */
export function startBackgroundJobs(): void {
  if (globals.__jobsStarted || env().BACKGROUND_JOBS === "off") return;
  globals.__jobsStarted = true;
  let running = false;
  setInterval(() => {
    if (running) return; // a slow run is never overlapped by the next one
    running = true;
    runMatchSafetyNet()
      .catch((error) => console.error("Match safety net failed:", (error as Error).message))
      .finally(() => {
        running = false;
      });
  }, SAFETY_NET_EVERY_MS).unref();
}
