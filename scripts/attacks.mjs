// npm run attacks [-- --pairs N] [--no-build]: measures whether a plan post's response time tells an
// attacker where a friend is. The attacker, an accepted friend who controls their own client, posts
// the same activity as the victim's active plan, either from the victim's area or from ~300 km away;
// a match between the two an hour ago keeps the pair cooldown on, so neither post matches and both
// answers say the same. If the matcher does more work for the in-range post (its match transaction),
// the time tells the attacker the victim is nearby. Runs the production build against a throwaway
// database, prints the measured numbers and writes bench/attacks.json. A measurement, not a test: it
// exits 0 whatever it finds, and non-zero only when it could not measure.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { machine, writeResults } from "./bench/report.mjs";
import { buildApp, startApp } from "./bench/servers.mjs";
import { POST_PLAN } from "./bench/requests.mjs";
import { preparePosts, timePairs } from "./attacks/posts.mjs";
import { seedPairs } from "./attacks/seed.mjs";
import { mannWhitney, mean, median } from "./attacks/stats.mjs";
import { startMigratedDatabase } from "./lib/migrate.mjs";
import { ROOT } from "./lib/paths.mjs";
import { addCleanup, cleanupAndExit, handleSignals } from "./lib/process.mjs";

// Both code paths (with and without the match transaction) are compiled and the pools filled before
// anything is timed; those posts are thrown away.
const WARM_UP_PAIRS = 25;
// The blind guess: how often "the slower of two posts was the one in range" is right, from as few
// posts as a patient attacker would send about one friend.
const GUESS_PAIRS = 15;
// |z| of 3 or more: a difference that chance alone would give about once in 400 runs.
const DETECTABLE_Z = 3;

const OUT = join(ROOT, "bench");
const log = (line) => console.log(line);
const step = (name) => log(`\n▸ ${name}`);
const ms = (value) => `${value.toFixed(2)} ms`;

function options() {
  const { values } = parseArgs({ options: { pairs: { type: "string", default: "500" }, "no-build": { type: "boolean", default: false } } });
  const pairs = Number(values.pairs);
  if (!Number.isInteger(pairs) || pairs < 2) throw new Error(`--pairs wants a whole number of at least 2, not "${values.pairs}"`);
  // A build exists once next build wrote its BUILD_ID; anything less would be timed half-built.
  return { pairs, build: !(values["no-build"] && existsSync(join(ROOT, ".next", "BUILD_ID"))) };
}

async function measure({ pairs, build }) {
  const started = Date.now();
  mkdirSync(OUT, { recursive: true });
  step("Database");
  const { client } = await startMigratedDatabase({ purpose: "attacks", log });

  step(`Seeding ${pairs} measured pairs of posts (+${WARM_UP_PAIRS} to warm up, +${GUESS_PAIRS} for the blind guess)`);
  const world = await seedPairs(client, WARM_UP_PAIRS + pairs + GUESS_PAIRS);
  log(`  ${world.pairs.length} victims with an active plan, ${world.matches} matches an hour old` + (world.areaCounted ? " (plans' area counted)" : ""));

  step(build ? "Building the app (next build)" : "Using the existing build (--no-build)");
  if (build) await buildApp(join(OUT, "build.log"));
  const secret = randomBytes(32).toString("base64url");
  const app = await startApp({ databaseUrl: database.url, secret, logFile: join(OUT, "attacks-app.log") });
  addCleanup(app.stop);
  const url = `${app.url}${POST_PLAN.path}`;
  const posts = await preparePosts(client, world.pairs, { appUrl: app.url, secret });
  const [warm, measured, guessed] = [posts.slice(0, WARM_UP_PAIRS), posts.slice(WARM_UP_PAIRS, -GUESS_PAIRS), posts.slice(-GUESS_PAIRS)];

  step(`Posting: ${warm.length * 2} to warm up, then ${pairs} pairs in range / out of range, one at a time`);
  await timePairs(url, warm, { seed: 1 });
  const times = await timePairs(url, measured, { seed: 2 });
  const guess = await timePairs(url, guessed, { seed: 3 });
  const right = guess.in.filter((inRange, n) => inRange > guess.out[n]).length;

  const { rows } = await client.query("SELECT (SELECT count(*)::int FROM matches) AS matches, (SELECT count(*)::int FROM plans) AS plans");
  const expectedPlans = world.pairs.length * 3; // each victim's plan and both attackers' posts
  if (rows[0].plans !== expectedPlans) throw new Error(`${rows[0].plans} plans stored, expected ${expectedPlans}: some posts were not stored`);
  if (rows[0].matches !== world.matches) {
    throw new Error(`${rows[0].matches - world.matches} new matches: the pair cooldown did not hold, so in-range posts were not silent`);
  }

  const side = (values) => ({ n: values.length, medianMs: median(values), meanMs: mean(values) });
  const { z, share } = mannWhitney(times.in, times.out);
  const results = {
    pairs,
    machine: await machine(client),
    inRange: side(times.in),
    outOfRange: side(times.out),
    medianDifferenceMs: median(times.in) - median(times.out),
    z,
    inSlowerShare: share,
    blindGuess: { right, of: GUESS_PAIRS },
    matches: { seeded: world.matches, afterRun: rows[0].matches },
    areaCounted: world.areaCounted,
    seconds: Math.round((Date.now() - started) / 1000),
    samplesMs: { inRange: times.in, outOfRange: times.out },
  };
  report(results);
  writeResults(join(OUT, "attacks.json"), results);
  log(`\nWritten to bench/attacks.json · ${results.seconds} s in all`);
}

function report(r) {
  step(`Results (${r.machine.cores} cores, Node ${r.machine.node}, PostgreSQL ${r.machine.postgres})`);
  log(`${"".padEnd(14)}${"posts".padStart(6)}${"median".padStart(11)}${"mean".padStart(11)}`);
  for (const [name, s] of [
    ["in range", r.inRange],
    ["out of range", r.outOfRange],
  ]) {
    log(`${name.padEnd(14)}${String(s.n).padStart(6)}${ms(s.medianMs).padStart(11)}${ms(s.meanMs).padStart(11)}`);
  }
  log(`difference of medians (in − out): ${ms(r.medianDifferenceMs)} · Mann–Whitney z = ${r.z.toFixed(2)}`);
  log(`an in-range post slower than an out-of-range one: ${(r.inSlowerShare * 100).toFixed(0)}% of all pairings (U / n₁n₂)`);
  log(`blind guess, slower of two = in range: ${r.blindGuess.right}/${r.blindGuess.of} right`);
  log(`matches in the database: ${r.matches.afterRun} (seeded ${r.matches.seeded}: no post made a new one)`);
  const verdict = Math.abs(r.z) < DETECTABLE_Z ? "no detectable difference" : "DETECTABLE";
  log(`timing: |z| = ${Math.abs(r.z).toFixed(2)} (in-range vs out-of-range, ${r.pairs} pairs) — ${verdict}`);
}

handleSignals({ exitCode: 130 });
try {
  await measure(options());
  await cleanupAndExit(0);
} catch (error) {
  console.error(`\n${error.message}`);
  await cleanupAndExit(1);
}
