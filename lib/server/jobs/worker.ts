import "server-only";
import { runMatchSafetyNet } from "../matcher";
import { SAFETY_NET_EVERY_MS } from "./scheduler";

/**
 * The background jobs as their own process (`npm run worker`), for deployments that keep them out of
 * the web processes (set BACKGROUND_JOBS=off there). Safe to run beside the app's own scheduler:
 * matching is idempotent.
 */
export async function runWorker(signal: AbortSignal): Promise<void> {
  console.log("Overlap worker: match safety net every", SAFETY_NET_EVERY_MS / 1000, "s");
  while (!signal.aborted) {
    try {
      const { matched, failed } = await runMatchSafetyNet();
      if (matched || failed) console.log(`Safety net: ${matched} match(es) made, ${failed} failure(s)`);
    } catch (error) {
      console.error("Match safety net failed:", (error as Error).message);
    }
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, SAFETY_NET_EVERY_MS);
      signal.addEventListener("abort", () => {
        clearTimeout(timer);
        resolve(undefined);
      });
    });
  }
}
