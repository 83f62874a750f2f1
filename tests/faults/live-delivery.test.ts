import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRestartableDatabase } from "../../scripts/lib/database.mjs";
import { migrate } from "../../scripts/lib/migrate.mjs";
import { LOGS, runScenario, type ScenarioOptions, type ScenarioReport } from "./support/scenario";

// Live delivery under faults, end to end: the production server (scripts/server.mjs, as `npm start`
// runs it, from the build in .next) on a PostgreSQL cluster of this file's own, loaded with friends
// posting plans through the composer's server action while every one of them holds a live stream that
// reconnects like a browser's. Mid-load the app is killed, the database stopped, or one of two
// instances killed. Afterwards every person's stream must have received exactly the notifications
// their inbox holds: none lost, none twice.

type Database = Awaited<ReturnType<typeof startRestartableDatabase>>;

let database: Database;
let pool: pg.Pool;
const secret = randomBytes(32).toString("base64url");

beforeAll(async () => {
  rmSync(LOGS, { recursive: true, force: true }); // the app logs of the last run
  database = await startRestartableDatabase({ purpose: "faults" });
  await migrate(database.url, { quiet: true });
  pool = new pg.Pool({ connectionString: database.url, max: 4 });
  pool.on("error", () => undefined); // idle connections are cut while the database is stopped
  // The app servers' configuration, so this process reads ids as they do (settle.ts seals the
  // stored ids for comparison with what the streams received).
  Object.assign(process.env, { AUTH_SECRET: secret, DATABASE_URL: database.url });
});

afterAll(async () => {
  await pool?.end();
  await database?.stop();
});

/** 20 groups of 5 (100 people, 100 streams), rounds of 2.5 s: ~40 posts a second at full load. */
function scenario(options: Pick<ScenarioOptions, "name" | "label" | "seed" | "instances" | "fault">): Promise<ScenarioReport> {
  return runScenario({ ...options, pool, databaseUrl: database.url, secret, groups: 20, roundMs: 2_500, before: 4, after: 4 });
}

function expectEveryNotificationOnce(report: ScenarioReport) {
  // The load did what it is for: many matches, and many of them made during or after the fault.
  expect(report.expected).toBeGreaterThanOrEqual(1_000);
  expect(report.sinceFault).toBeGreaterThanOrEqual(300);
  expect(report.refused, "posts the app refused (the load broke one of its limits)").toEqual([]);
  expect(report.unmatched, "plans never matched (the safety net did not run?)").toBe(0);
  expect({ lost: report.lost, duplicated: report.duplicated, unexpected: report.unexpected }).toEqual({ lost: 0, duplicated: 0, unexpected: 0 });
}

describe("live notifications under faults", () => {
  it("the app killed (-9) mid-load and started again on its port: streams resume from Last-Event-ID", async () => {
    const report = await scenario({
      name: "app killed and restarted",
      label: "kill",
      seed: 1,
      instances: 1,
      fault: async (deployment) => {
        await deployment.kill(0);
        await sleep(1_000);
        await deployment.restart(0);
      },
    });
    expectEveryNotificationOnce(report);
    expect(report.failedAttempts, "posts while the app was down").toBeGreaterThan(0);
  });

  it("PostgreSQL stopped for 20 s under the running app, then started again", async () => {
    const report = await scenario({
      name: "database stopped for 20 s",
      label: "pgstop",
      seed: 2,
      instances: 1,
      fault: async () => {
        await database.stopServer();
        await sleep(20_000);
        await database.startServer();
      },
    });
    expectEveryNotificationOnce(report);
    expect(report.failedAttempts, "posts while the database was down").toBeGreaterThan(0);
  });

  it("two instances on one database, one killed (-9): its streams move to the other", async () => {
    const report = await scenario({
      name: "one of two instances killed",
      label: "twoinst",
      seed: 3,
      instances: 2,
      fault: (deployment) => deployment.kill(0),
    });
    expectEveryNotificationOnce(report);
  });
});
