import "server-only";
import { stopListening } from "../live/realtime";
import { BACKGROUND_JOBS, repeat, wakeFor } from "./scheduler";

/**
 * `npm run worker` (scripts/worker.mjs): every background job of BACKGROUND_JOBS (scheduler.ts) in a
 * process of its own, for deployments that keep them out of the web processes (BACKGROUND_JOBS=off
 * there). Today that is the match safety net (matches plans whose matching a crash interrupted, and
 * the plans of pauses that just ran out), push delivery (pushes new notifications to devices, retries
 * failed pushes, removes dead devices) and the retention sweep (deletes what each person's settings
 * put past its time, and expired invites, sessions and rate-limit counters) and the standing-plan job
 * (makes each week's plan of a standing plan a day before it starts, and matches it). Unlike in a web process,
 * each job first runs at once, then on its interval (push delivery again at once while a run leaves
 * work behind, and push delivery also at once after each notification written), until `signal` aborts. Safe beside web processes that run them too: matching is
 * idempotent, a push is claimed for a lease before it is sent, and the sweeper deletes each row once.
 */
export async function runWorker(signal: AbortSignal): Promise<void> {
  console.log(`Overlap worker: ${BACKGROUND_JOBS.map((job) => `${job.name} every ${job.everyMs / 1000} s`).join(", ")}`);
  await Promise.all(BACKGROUND_JOBS.map((job) => repeat(job, { signal, runAtOnce: true, wake: wakeFor(job) })));
  await stopListening();
}
