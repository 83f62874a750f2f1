import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { env } from "@/lib/env";
import { runMatchSafetyNet } from "../plans/matcher";
import { subscribeToEverything } from "../live/realtime";
import { runPushDelivery } from "../push/delivery";
import { spawnDueOccurrences } from "../plans/standing";
import { sweepRetention } from "./retention";

/** How often a process looks for plans whose matching was interrupted. */
export const SAFETY_NET_EVERY_MS = 30_000;
/** How often a process makes the plans of standing plans' weeks that are due (a day before each starts). */
export const STANDING_EVERY_MS = 60_000;
/** How often a process deletes what users' retention settings put past its time. */
export const SWEEP_EVERY_MS = 60_000;
/**
 * How often a process pushes new notifications to devices (and retries due ones): the pause after
 * a run that left nothing behind (a run lasts up to RUN_BUDGET_MS, lib/server/push/delivery.ts,
 * and with a backlog the next one starts at once).
 */
export const PUSH_EVERY_MS = 2_000;

/**
 * A run that resolves to "more" stopped for time with work left: the next one starts at once.
 * `onNotification`: a notification written anywhere (the wake-up live streams get) starts the next
 * run at once too; the interval is then only the safety net.
 */
export type BackgroundJob = { name: string; everyMs: number; run: () => Promise<void | "more">; onNotification?: true };

// Every job is safe to run in several processes at once (app processes and `npm run worker`):
// matching is idempotent and the sweeper deletes each row once. Logs carry counts, never a location.
export const BACKGROUND_JOBS: readonly BackgroundJob[] = [
  {
    name: "match safety net",
    everyMs: SAFETY_NET_EVERY_MS,
    run: async () => {
      const { matched, failed } = await runMatchSafetyNet();
      if (matched || failed) console.log(`Safety net: ${matched} match(es) made, ${failed} failure(s)`);
    },
  },
  {
    name: "standing plans",
    everyMs: STANDING_EVERY_MS,
    run: async () => {
      const { made, matched, failed } = await spawnDueOccurrences();
      if (made || failed) console.log(`Standing plans: ${made} week(s) made into plans, ${matched} match(es), ${failed} failure(s)`);
    },
  },
  {
    name: "push delivery",
    everyMs: PUSH_EVERY_MS,
    // Handed to the push service right after the commit that made it, not at the next tick.
    onNotification: true,
    run: async () => {
      const { more, ...counts } = await runPushDelivery();
      const done = Object.entries(counts).filter(([, count]) => count > 0);
      if (done.length) console.log(`Push: ${done.map(([kind, count]) => `${count} ${kind}`).join(", ")}`);
      return more ? "more" : undefined;
    },
  },
  {
    name: "retention sweep",
    everyMs: SWEEP_EVERY_MS,
    run: async () => {
      const done = Object.entries(await sweepRetention()).filter(([, count]) => count > 0);
      if (done.length) console.log(`Retention sweep: ${done.map(([kind, count]) => `${count} ${kind}`).join(", ")}`);
    },
  },
];

/** Starts a job's next run early. Pokes while it runs are kept: the next run then starts at once. */
export class Wake {
  private waiting: (() => void) | undefined;
  private poked = false;

  poke(): void {
    if (this.waiting) this.waiting();
    else this.poked = true;
  }

  /** Resolves at the next poke (at once if one came since the last wait); `stop()` gives up waiting. */
  wait(): { poked: Promise<void>; stop: () => void } {
    if (this.poked) {
      this.poked = false;
      return { poked: Promise.resolve(), stop: () => undefined };
    }
    const poked = new Promise<void>((resolve) => (this.waiting = resolve));
    return { poked, stop: () => (this.waiting = undefined) };
  }
}

/**
 * Runs `job` every `job.everyMs`, counted from the end of the previous run, so a slow run is never
 * overlapped by the next one; `wake` starts the next run early. A failed run is logged and the next
 * one comes on time. Resolves once `signal` aborts (after the run in progress). `keepAlive: false`
 * lets the process exit regardless.
 */
export async function repeat(
  job: BackgroundJob,
  { signal, runAtOnce = false, keepAlive = true, wake }: { signal?: AbortSignal; runAtOnce?: boolean; keepAlive?: boolean; wake?: Wake },
): Promise<void> {
  const pause = async () => {
    if (signal?.aborted) return false; // (an abort during the run: its event has already fired)
    const timer = new AbortController();
    const stopTimer = () => timer.abort();
    signal?.addEventListener("abort", stopTimer, { once: true });
    const poke = wake?.wait();
    try {
      const slept = sleep(job.everyMs, undefined, { signal: timer.signal, ref: keepAlive }).then(
        () => true,
        () => false, // aborted (or woken: then the race is already decided)
      );
      return (await Promise.race([slept, ...(poke ? [poke.poked.then(() => true)] : [])])) && !signal?.aborted;
    } finally {
      poke?.stop();
      timer.abort();
      signal?.removeEventListener("abort", stopTimer);
    }
  };
  if (!runAtOnce && !(await pause())) return;
  for (;;) {
    let more: void | "more" = undefined;
    try {
      more = await job.run();
    } catch (error) {
      console.error(`The ${job.name} failed:`, (error as Error).message);
    }
    if (more === "more" && !signal?.aborted) continue;
    if (!(await pause())) return;
  }
}

const globals = globalThis as typeof globalThis & { __jobsStarted?: boolean };

/** Starts the background jobs in this process, once (called at server start by instrumentation.ts). */
export function startBackgroundJobs(): void {
  if (globals.__jobsStarted || env().BACKGROUND_JOBS === "off") return;
  globals.__jobsStarted = true;
  // First runs one interval after start (or at a notification): nothing extra happens while the server is starting up.
  for (const job of BACKGROUND_JOBS) void repeat(job, { keepAlive: false, wake: wakeFor(job) });
}

/** For a job that runs on notifications: a Wake poked by every one written, in any process. */
export function wakeFor(job: BackgroundJob): Wake | undefined {
  if (!job.onNotification) return undefined;
  const wake = new Wake();
  void subscribeToEverything(() => wake.poke());
  return wake;
}
