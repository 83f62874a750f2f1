import fc from "fast-check";
import { clientAddress } from "../../support/fuzz-values";
import {
  actionRequest,
  argumentBodies,
  BODY_LIMIT,
  edgeBodies,
  formBodies,
  formSeen,
  origins,
  OTHER_BODIES,
  sizedBody,
  type ActionBody,
} from "./action-requests";
import { mayStoreFor, type ServerAction } from "./actions";
import { expectHandled, type Findings } from "./findings";
import type { FuzzApp } from "./fuzz-app";

export type ActionFuzz = {
  app: FuzzApp;
  findings: Findings;
  actions: ServerAction[];
  /** Whose session the requests carry (none: signed out). */
  cookie?: string;
  /** Names the run in failure reports ("signed in"). */
  label: string;
  /** Whether forms that may store a row by right (see mayStoreFor) are sent: not in runs that count rows. */
  storesAllowed: boolean;
  /** Runs per action of its own form, its edge values (tried first) included. */
  runsPerAction: number;
  /** Random runs of each other family, over all the actions. */
  runsPerFamily: number;
};

/** Families A–E of action requests against `actions`: never a 5xx, never an unexpected error. */
export async function fuzzActions({ app, findings, actions, cookie, label, storesAllowed, runsPerAction, runsPerFamily }: ActionFuzz) {
  const byName = new Map(actions.map((action) => [action.name, action]));
  const names = fc.constantFrom(...byName.keys());
  const post = async (name: string, body: ActionBody, address: string, extra: { origin?: string; status?: number } = {}) => {
    const action = byName.get(name)!;
    const form = formSeen(body);
    if (!storesAllowed && form && mayStoreFor(action, form)) return void fc.pre(false);
    await expectHandled(app, actionRequest(action, body, { cookie, address, origin: extra.origin }), extra.status);
  };
  const time = (runs: number) => Math.max(8_000, runs * 150);

  // A: each action's own form, so every field of every action gets its edge values and random ones.
  for (const action of actions) {
    await findings.check(
      `${label}: ${action.name}, its form`,
      fc.tuple(formBodies(action), clientAddress),
      ([body, address]) => post(action.name, body, address),
      { numRuns: runsPerAction, timeLimitMs: time(runsPerAction), examples: edgeBodies(action).map((body) => [body, "198.18.0.1"] as [ActionBody, string]) },
    );
  }

  const across = (family: string, bodies: (action: ServerAction) => fc.Arbitrary<ActionBody>) =>
    findings.check(
      `${label}: ${family}`,
      fc.tuple(
        names.chain((name) => fc.tuple(fc.constant(name), bodies(byName.get(name)!))),
        clientAddress,
      ),
      ([[name, body], address]) => post(name, body, address),
      { numRuns: runsPerFamily, timeLimitMs: time(runsPerFamily) },
    );
  await across("B. arguments that are not (state, form data), in React's encoding", argumentBodies);
  for (const [family, bodies] of Object.entries(OTHER_BODIES)) await across(family, bodies);

  await findings.check(
    `${label}: D. a big form just under the body limit`,
    fc.tuple(names, fc.integer({ min: BODY_LIMIT - 16_000, max: BODY_LIMIT - 1_000 }), clientAddress),
    ([name, bytes, address]) => post(name, sizedBody(bytes, "form"), address),
    { numRuns: 3, timeLimitMs: 10_000 },
  );
  await findings.check(
    `${label}: D. a body over the body limit: 413`,
    fc.tuple(names, fc.integer({ min: BODY_LIMIT + 1, max: BODY_LIMIT + 65_536 }), fc.constantFrom("form" as const, "text" as const), clientAddress),
    ([name, bytes, as, address]) => post(name, sizedBody(bytes, as), address, { status: 413 }),
    { numRuns: 3, timeLimitMs: 10_000 },
  );

  await findings.check(
    `${label}: E. a well-formed action with any Origin header`,
    fc.tuple(
      names.chain((name) => fc.tuple(fc.constant(name), formBodies(byName.get(name)!))),
      origins,
      clientAddress,
    ),
    ([[name, body], origin, address]) => post(name, body, address, { origin }),
    { numRuns: Math.ceil(runsPerFamily / 2), timeLimitMs: time(runsPerFamily / 2) },
  );
}
