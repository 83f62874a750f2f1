// npm test: format → lint → typecheck → unit → integration (real Postgres) → e2e (production build, real Chromium)
// → faults (the same build under faults: app killed, database stopped; tests/faults).
// `npm test -- unit integration` runs only the named suites. Every suite runs even when an earlier
// one failed; the last line sums the counts and the exit code is non-zero if anything failed or skipped.
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { startDatabase, freePort } from "./lib/database.mjs";
import { migrate } from "./lib/migrate.mjs";
import { DATA_DIR, NEXT_BIN, ROOT } from "./lib/paths.mjs";
import { addCleanup, handleSignals, run } from "./lib/process.mjs";
import { withLocalSecrets } from "./lib/secrets.mjs";

const ALL = ["format", "lint", "typecheck", "unit", "integration", "e2e", "faults"];
// `npm test -- e2e -- --grep invite`: anything after a second "--" goes to Playwright when e2e runs,
// else to Vitest (`npm test -- integration -- tests/integration/deletion.test.ts`).
const argv = process.argv.slice(2);
const split = argv.indexOf("--");
const suites = split === -1 ? argv : argv.slice(0, split);
const extraArgs = split === -1 ? [] : argv.slice(split + 1);
const wanted = suites.length ? suites : ALL;
const unknown = wanted.filter((name) => !ALL.includes(name));
if (unknown.length) {
  console.error(`Unknown suite(s): ${unknown.join(", ")}. Choose from: ${ALL.join(", ")}.`);
  process.exit(2);
}

handleSignals({ exitCode: 130 });
const REPORTS = join(DATA_DIR, "test-reports");
rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });

const bin = (name) => join(ROOT, "node_modules", ".bin", name);
const results = [];

function banner(text) {
  console.log(`\n\x1b[1m━━ ${text}\x1b[0m`);
}

/** A check without test cases (format, lint, typecheck) counts as one test. */
async function check(name, command, args, env) {
  banner(name);
  const code = await run(command, args, { env });
  results.push({ name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 });
}

async function vitest(project, env) {
  banner(`${project} tests`);
  const report = join(REPORTS, `${project}.json`);
  const code = await run(
    bin("vitest"),
    ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...(wanted.includes("e2e") ? [] : extraArgs)],
    { env },
  );
  results.push(countVitest(project, report, code));
}

let built;
/** `next build` into .next, once a run: e2e and faults test the same build. Resolves to whether it succeeded. */
function productionBuild(env) {
  built ??= (async () => {
    banner("production build (e2e, faults)");
    return (await run(process.execPath, [NEXT_BIN, "build"], { env: { ...env, NODE_ENV: "production" } })) === 0;
  })();
  return built;
}

function countVitest(name, report, code) {
  if (!existsSync(report)) return { name, passed: 0, failed: 1, skipped: 0 };
  const json = JSON.parse(readFileSync(report, "utf8"));
  const failed = json.numFailedTests + (code !== 0 && json.numFailedTests === 0 ? 1 : 0);
  return { name, passed: json.numPassedTests, failed, skipped: json.numPendingTests + json.numTodoTests };
}

function countPlaywright(name, report, code) {
  if (!existsSync(report)) return { name, passed: 0, failed: 1, skipped: 0 };
  const { stats } = JSON.parse(readFileSync(report, "utf8"));
  const failed = stats.unexpected + stats.flaky + (code !== 0 && stats.unexpected === 0 ? 1 : 0);
  return { name, passed: stats.expected, failed, skipped: stats.skipped };
}

// Tests run their own push service on 127.0.0.1 (tests/support/push-service.ts).
const baseEnv = withLocalSecrets({ ...process.env, NODE_ENV: "test", NEXT_TELEMETRY_DISABLED: "1", PUSH_EXTRA_ENDPOINT_HOSTS: "127.0.0.1" });

if (wanted.some((name) => ["lint", "typecheck", "integration", "e2e", "faults"].includes(name))) {
  // The generated client must match the schema before anything type-checks or queries.
  const code = await run(process.execPath, [join(ROOT, "scripts", "prisma.mjs"), "generate"], { env: baseEnv });
  if (code !== 0) process.exit(code);
}
// Formatting first: Prettier's check (`npm run format` fixes what it lists).
if (wanted.includes("format")) await check("format", bin("prettier"), ["--check", "."], baseEnv);
if (wanted.includes("lint")) await check("lint", bin("eslint"), ["--max-warnings", "0", "."], baseEnv);
if (wanted.includes("typecheck")) await check("typecheck", bin("tsc"), ["--noEmit"], baseEnv);
if (wanted.includes("unit")) await vitest("unit", baseEnv);

if (wanted.includes("integration") || wanted.includes("e2e")) {
  banner("test database");
  const database = await startDatabase({ purpose: "test" });
  addCleanup(database.stop);
  await migrate(database.url);
  const env = { ...baseEnv, DATABASE_URL: database.url };
  if (wanted.includes("integration")) await vitest("integration", env);
  if (wanted.includes("e2e")) await e2e(env);
  await database.stop();
}

async function e2e(env) {
  if (!(await productionBuild(env))) {
    results.push({ name: "e2e", passed: 0, failed: 1, skipped: 0 });
    return;
  }
  banner("e2e tests");
  const report = join(REPORTS, "e2e.json");
  const port = await freePort();
  const code = await run(bin("playwright"), ["test", ...extraArgs], { env: { ...env, E2E_PORT: String(port) } });
  results.push(countPlaywright("e2e", report, code));
}

// The faults suite starts database clusters of its own (it stops and starts them), whatever
// DATABASE_URL says, and production servers from the build.
if (wanted.includes("faults")) {
  if (await productionBuild(baseEnv)) await vitest("faults", baseEnv);
  else results.push({ name: "faults", passed: 0, failed: 1, skipped: 0 });
}

banner("summary");
for (const r of results) {
  console.log(`  ${r.name.padEnd(12)} ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ""}`);
}
const total = (key) => results.reduce((sum, r) => sum + r[key], 0);
const bad = results.some((r) => r.failed > 0 || r.skipped > 0 || r.passed === 0);
if (total("skipped") > 0) console.log("Skipped tests count as a failure: a test that does not run proves nothing.");
console.log(`\ntests: ${total("passed")} passed, ${total("failed")} failed${total("skipped") ? `, ${total("skipped")} skipped` : ""}`);
process.exit(bad ? 1 : 0);
