import fc from "fast-check";
import type { FuzzApp } from "./fuzz-app";
import { send, type Answer, type Outgoing } from "./http";

// One run's seed for every property, printed with each failure: FUZZ_SEED=<seed> replays the run
// (fast-check's "path" in the report then names the failing case and its shrinking). The default is
// fixed, so `npm test` asks the same questions every time and a red run is never luck;
// FUZZ_SEED=random asks new ones (run it now and then, and keep what it finds as a test).
const FIXED_SEED = 20261203;
export const SEED = process.env.FUZZ_SEED === "random" ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_SEED) || FIXED_SEED;

/** What userAction/publicAction answer when the handler threw something unexpected (lib/server/action.ts). */
export const UNEXPECTED = "Something went wrong on our side";

type Budget = { numRuns: number; timeLimitMs: number };

/**
 * Failures of several properties, collected rather than stopping at the first: each family of
 * requests is its own property, so one broken path does not hide another.
 */
export class Findings {
  readonly failures: string[] = [];

  async check<T>(family: string, arbitrary: fc.Arbitrary<T>, property: (value: T) => Promise<void>, budget: Budget & { examples?: T[] }) {
    try {
      await fc.assert(fc.asyncProperty(arbitrary, property), {
        seed: SEED,
        numRuns: budget.numRuns,
        examples: budget.examples?.map((example) => [example] as [T]),
        // Bounds a property's time, shrinking included; a failure found before that still fails.
        interruptAfterTimeLimit: budget.timeLimitMs,
        includeErrorInReport: true,
      });
    } catch (error) {
      this.failures.push(`${family}: ${(error as Error).message}`);
    }
  }
}

function describeRequest(outgoing: Outgoing): string {
  const headers = Object.entries(outgoing.headers)
    .filter(([name]) => !["x-forwarded-for", "accept"].includes(name))
    .map(([name, value]) => `${name}: ${name === "cookie" ? "<" + value.length + " chars>" : JSON.stringify(value.slice(0, 120))}`);
  const body = outgoing.body ? ` body (${outgoing.body.length} bytes): ${JSON.stringify(outgoing.body.subarray(0, 300).toString("utf8"))}` : "";
  return `${outgoing.method} ${outgoing.path.slice(0, 200)} {${headers.join(", ")}}${body}`;
}

/** Throws (for fast-check) with the request, the answer and what the server logged meanwhile. */
export async function fail(app: FuzzApp, mark: number, problem: string, outgoing: Outgoing, answer?: Answer): Promise<never> {
  await new Promise((resolve) => setTimeout(resolve, 100)); // the server may log just after answering
  const log = app
    .logSince(mark)
    .split("\n")
    .filter((line) => line && !/^\s+at /.test(line))
    .slice(0, 8)
    .map((line) => line.slice(0, 240));
  throw new Error(
    [
      problem,
      `  request: ${describeRequest(outgoing)}`,
      ...(answer ? [`  answer: ${answer.status} ${JSON.stringify(answer.text.slice(0, 300))}`] : []),
      ...(log.length ? ["  server log:", ...log.map((line) => `    ${line}`)] : []),
    ].join("\n"),
  );
}

/** Sends `outgoing`; any 5xx, or the generic answer to an unexpected error, is a failure. */
export async function expectHandled(app: FuzzApp, outgoing: Outgoing, expectStatus?: number): Promise<Answer> {
  const mark = app.logMark();
  let answer: Answer;
  try {
    answer = await send(app.base, outgoing);
  } catch (error) {
    return fail(app, mark, `no answer (${(error as Error).message})`, outgoing);
  }
  if (expectStatus !== undefined && answer.status !== expectStatus) return fail(app, mark, `answered ${answer.status}, not ${expectStatus}`, outgoing, answer);
  if (answer.status >= 500) return fail(app, mark, `answered ${answer.status}`, outgoing, answer);
  if (answer.text.includes(UNEXPECTED)) return fail(app, mark, `answered "${UNEXPECTED}": an unexpected error on the server`, outgoing, answer);
  if (answer.firstEvent === null) return fail(app, mark, "an event stream that sent nothing within 3 s", outgoing, answer);
  return answer;
}
