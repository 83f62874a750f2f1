import { setTimeout as sleep } from "node:timers/promises";
import { expect, it } from "vitest";
import { repeat, Wake } from "@/lib/server/jobs/scheduler";

// How a background job is repeated (lib/server/jobs/scheduler.ts): the push job says "more" when a
// run stopped for time with a backlog left, and must not then sit out its pause.

it("runs a job again at once while a run says there is more, then waits its interval; a failed run does not stop it", async () => {
  const controller = new AbortController();
  const answers: (void | "more" | Error)[] = ["more", new Error("database away"), "more", undefined];
  let calls = 0;
  const done = repeat(
    {
      name: "test job",
      everyMs: 300,
      run: async () => {
        const answer = answers[calls++];
        if (answer instanceof Error) throw answer;
        return answer;
      },
    },
    { signal: controller.signal, runAtOnce: true },
  );
  const started = performance.now();
  // "more" → again at once; the failure → its pause (300 ms); "more" → at once; then a pause.
  await expect.poll(() => calls, { interval: 10 }).toBe(4);
  const elapsed = performance.now() - started;
  expect(elapsed).toBeGreaterThanOrEqual(290);
  expect(elapsed).toBeLessThan(600);
  await sleep(150);
  expect(calls).toBe(4); // still in the pause after the last run
  controller.abort();
  await done;
});

it("starts the next run at once when woken, and keeps a wake that came during a run", async () => {
  const controller = new AbortController();
  const wake = new Wake();
  const runs: number[] = [];
  let release: () => void = () => undefined;
  const done = repeat(
    {
      name: "test job",
      everyMs: 60_000,
      run: async () => {
        runs.push(performance.now());
        if (runs.length === 2) await new Promise<void>((resolve) => (release = resolve)); // a slow second run
      },
    },
    { signal: controller.signal, runAtOnce: true, wake },
  );
  await expect.poll(() => runs.length, { interval: 10 }).toBe(1);
  await sleep(100);
  expect(runs).toHaveLength(1); // waiting out its minute
  wake.poke();
  await expect.poll(() => runs.length, { interval: 10, timeout: 1_000 }).toBe(2);
  wake.poke(); // during the slow run: kept
  wake.poke(); // …once
  release();
  await expect.poll(() => runs.length, { interval: 10, timeout: 1_000 }).toBe(3);
  await sleep(150);
  expect(runs).toHaveLength(3);
  controller.abort();
  await done; // an abort ends the wait for a wake too
});
