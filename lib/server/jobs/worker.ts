import "server-only";
import { BACKGROUND_JOBS, repeat } from "./scheduler";

/**
 * The background jobs as their own process (`npm run worker`), for deployments that keep them out of
 * the web processes (set BACKGROUND_JOBS=off there). Safe to run beside the app's own scheduler:
 * matching is idempotent and the sweeper deletes each row once. Each job runs at once, then on its
 * interval, until `signal` aborts.
 */
export async function runWorker(signal: AbortSignal): Promise<void> {
  console.log(`Overlap worker: ${BACKGROUND_JOBS.map((job) => `${job.name} every ${job.everyMs / 1000} s`).join(", ")}`);
  await Promise.all(BACKGROUND_JOBS.map((job) => repeat(job, { signal, runAtOnce: true })));
}
