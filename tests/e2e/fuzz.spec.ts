import fc from "fast-check";
import { fuzzActions } from "./fuzz/action-fuzz";
import { actionsInBuild, actionsInSource, takesNoInput } from "./fuzz/actions";
import { expectHandled, Findings, SEED } from "./fuzz/findings";
import { countRows, expect, test, type FuzzApp, type Person } from "./fuzz/fuzz-app";
import { ROUTE_FAMILIES, routeRequest } from "./fuzz/route-requests";
import { expectWorkingStream, STREAM_EDGES, streamCases, type StreamCase } from "./fuzz/stream-check";
import { clientAddress } from "../support/fuzz-values";

// Hardening: every server action and route handler, fed random types, sizes, encodings, missing and
// extra fields, answers without a 5xx (or the generic answer to an unexpected error) and stores no
// row. Failures print fast-check's counterexample and seed; FUZZ_SEED=<seed> replays a run.

/**
 * Tables a fuzz request may change whatever it carries, and why. Every other table must have as
 * many rows after a run as before.
 */
const WRITTEN_BY_ANY_REQUEST: Record<string, string> = {
  rate_limits: "limits per address and account (sign-in, sign-up, friend requests, password re-checks, pausing, export) count every attempt, refused ones too",
};

async function unchangedRows(app: FuzzApp, run: () => Promise<void>) {
  const before = await countRows(app.sql);
  await run();
  const after = await countRows(app.sql);
  const changed = Object.keys(after).filter((table) => !(table in WRITTEN_BY_ANY_REQUEST) && after[table] !== before[table]);
  return Object.fromEntries(changed.map((table) => [table, `${before[table]} → ${after[table]}`]));
}

function everyAction() {
  const { actions, unlisted } = actionsInBuild();
  return { actions, unlisted, withInput: actions.filter((action) => !takesNoInput(action)), noInput: actions.filter(takesNoInput) };
}

// Runs per property: the spec takes about a minute on two cores (more while other specs run). A
// form's runs include its edge values (EDGE_VALUES in tests/support/fuzz-values.ts), tried first.
const BUDGET = { runsPerAction: 60, runsPerFamily: 80 };

test.describe.configure({ timeout: 150_000 });

test.beforeEach(({}, testInfo) => {
  testInfo.annotations.push({ type: "fuzz seed", description: `FUZZ_SEED=${SEED}` });
});

test("the fuzz covers every server action in the build", () => {
  const { actions, unlisted } = everyAction();
  const exported = actionsInSource();
  expect(unlisted, "actions in the build without their schema in tests/support/action-schemas.ts").toEqual([]);
  expect(actions.length).toBeGreaterThanOrEqual(exported.length);
  const found = new Set(actions.map((action) => `${action.file}#${action.name}`));
  expect(
    exported.filter((name) => !found.has(name)),
    "exported actions the build does not serve",
  ).toEqual([]);
  expect(new Set(actions.map((action) => action.name)).size, "action names are unique").toBe(actions.length);
});

test("server actions, signed out: never a 5xx, never a stored row", async ({ fuzzApp }) => {
  const findings = new Findings();
  const { withInput } = everyAction();
  const changed = await unchangedRows(fuzzApp, () =>
    fuzzActions({ app: fuzzApp, findings, actions: withInput, label: "signed out", storesAllowed: false, ...BUDGET }),
  );
  expect.soft(findings.failures).toEqual([]);
  expect(changed, "rows stored or deleted by the fuzz").toEqual({});
});

test("server actions, signed in: never a 5xx, never a stored row", async ({ fuzzApp }) => {
  const findings = new Findings();
  const { withInput } = everyAction();
  const person = await fuzzApp.signUpPerson("Fuzz Signed In");
  const changed = await unchangedRows(fuzzApp, () =>
    fuzzActions({ app: fuzzApp, findings, actions: withInput, cookie: person.cookie, label: "signed in", storesAllowed: false, ...BUDGET }),
  );
  expect.soft(findings.failures).toEqual([]);
  expect(changed, "rows stored or deleted by the fuzz").toEqual({});
});

// Any input is valid for these (sign out, create an invite, resume, delete my location data), so a
// fuzz request may really do what they do: answers are checked, rows are not. Signed in, the first
// sign-out ends the session, and what follows runs signed out.
test("server actions that take no input, signed out and in: never a 5xx", async ({ fuzzApp }) => {
  const findings = new Findings();
  const { noInput } = everyAction();
  expect(noInput.map((action) => action.name).sort(), "actions left out of the row checks").toEqual([
    "createInviteAction",
    "deleteLocationDataAction",
    "resumeAction",
    "signOutAction",
  ]);
  const budget = { storesAllowed: true, runsPerAction: 20, runsPerFamily: 30 };
  await fuzzActions({ app: fuzzApp, findings, actions: noInput, label: "signed out", ...budget });
  const person = await fuzzApp.signUpPerson("Fuzz No Input");
  await fuzzActions({ app: fuzzApp, findings, actions: noInput, cookie: person.cookie, label: "signed in", ...budget });
  expect(findings.failures).toEqual([]);
});

test("route handlers and pages: never a 5xx, never a stored row", async ({ fuzzApp }) => {
  const findings = new Findings();
  const person = await fuzzApp.signUpPerson("Fuzz Routes");
  const runs: Record<keyof typeof ROUTE_FAMILIES, number> = {
    "route handlers (app/api/**/route.ts), any method": 300,
    "pages with params and search params, read": 120,
    "pages, POST without a server action": 80,
    "paths with percent escapes no encoder writes": 30,
  };
  const changed = await unchangedRows(fuzzApp, async () => {
    for (const [family, cases] of Object.entries(ROUTE_FAMILIES)) {
      await findings.check(family, cases, async (route) => void (await expectHandled(fuzzApp, routeRequest(route, person.cookie))), {
        numRuns: runs[family as keyof typeof ROUTE_FAMILIES],
        timeLimitMs: 20_000,
      });
    }
  });
  expect.soft(findings.failures).toEqual([]);
  expect(changed, "rows stored or deleted by the fuzz").toEqual({});
});

test("live stream with any Last-Event-ID: a 4xx or a stream that delivers, never a stalled one", async ({ fuzzApp }) => {
  const findings = new Findings();
  const [owner, actor]: Person[] = await Promise.all([fuzzApp.signUpPerson("Fuzz Stream"), fuzzApp.signUpPerson("Fuzz Actor")]);
  await findings.check(
    "GET /api/events",
    fc.tuple(streamCases, clientAddress),
    ([streamCase, address]) => expectWorkingStream(fuzzApp, owner!, actor!, streamCase, address),
    { numRuns: 16, timeLimitMs: 15_000, examples: STREAM_EDGES.map((edge) => [edge, "198.18.0.1"] as [StreamCase, string]) },
  );
  expect(findings.failures).toEqual([]);
});
