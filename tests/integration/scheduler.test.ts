import { setTimeout as sleep } from "node:timers/promises";
import { expect, it } from "vitest";
import { repeat } from "@/lib/server/jobs/scheduler";

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
