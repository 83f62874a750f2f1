import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type pg from "pg";
import { actionId, POST_PLAN } from "../../../scripts/bench/requests.mjs";
import { startApp } from "../../../scripts/bench/servers.mjs";
import { DATA_DIR } from "../../../scripts/lib/paths.mjs";
import { LiveClient } from "./live-client";
import { PlanLoad, type LoadStats } from "./load";
import { settle, type Delivery } from "./settle";
import { seedGroups } from "./world";

// One fault scenario from start to finish: fresh people, the production app (one or more instances
// on one database), a live stream per person and plan posts in rounds; the fault injected mid-load;
// then quiet, and each inbox compared with what its stream received.

/** Where each app instance's output goes (kept for a look after a failure). */
export const LOGS = join(DATA_DIR, "test-output", "faults");
/**
 * The safety net runs every 30 s and leaves plans younger than 10 s (after a restart under load,
 * 50-260 plans wait for it): room for two runs and more, on a busy machine.
 */
const SETTLE_MS = 90_000;

type App = Awaited<ReturnType<typeof startApp>>;

/**
 * The app instances of a scenario behind a pretend load balancer: a request or stream of person
 * `index` goes to instance `index mod n`, or the next one that is up. Background jobs are on, as with
 * `npm start`: the match safety net is what matches plans whose match step died with a process.
 */
export class Deployment {
  private constructor(
    private readonly apps: App[],
    private readonly up: boolean[],
    private readonly start: (port?: number) => Promise<App>,
  ) {}

  static async open({ instances, databaseUrl, secret, label }: { instances: number; databaseUrl: string; secret: string; label: string }): Promise<Deployment> {
    mkdirSync(LOGS, { recursive: true });
    let started = 0;
    const start = (port?: number) => startApp({ databaseUrl, secret, port, backgroundJobs: true, logFile: join(LOGS, `${label}-app-${started++}.log`) });
    const apps: App[] = [];
    for (let n = 0; n < instances; n++) apps.push(await start());
    return new Deployment(
      apps,
      apps.map(() => true),
      start,
    );
  }

  originFor(index: number): string {
    const count = this.apps.length;
    for (let k = 0; k < count; k++) {
      const n = (index + k) % count;
      if (this.up[n]) return this.apps[n]!.url;
    }
    return this.apps[index % count]!.url; // none up: refused until one is back
  }

  /** `kill -9` of instance `n`; the balancer sends its people elsewhere from now on. */
  async kill(n: number): Promise<void> {
    this.up[n] = false;
    await this.apps[n]!.kill();
  }

  /** Starts instance `n` again on its port. */
  async restart(n: number): Promise<void> {
    this.apps[n] = await this.start(this.apps[n]!.port);
    this.up[n] = true;
  }

  async stop(): Promise<void> {
    await Promise.all(this.apps.map((app) => app.stop()));
  }
}

export type ScenarioOptions = {
  /** Printed in the summary. */
  name: string;
  /** Handle prefix of the scenario's people (unique per scenario), and its log files' prefix. */
  label: string;
  /** Session ids are drawn from it: unique per scenario. */
  seed: number;
  pool: pg.Pool;
  databaseUrl: string;
  secret: string;
  instances: number;
  groups: number;
  roundMs: number;
  /** Rounds before the fault, and after it has settled. */
  before: number;
  after: number;
  fault: (deployment: Deployment) => Promise<void>;
};

export type ScenarioReport = Delivery & LoadStats & { connects: number; refusedConnects: number; blindReopens: number };

export async function runScenario(options: ScenarioOptions): Promise<ScenarioReport> {
  const { pool, label } = options;
  const members = await seedGroups(pool, { label, groups: options.groups, secret: options.secret, seed: options.seed });
  const deployment = await Deployment.open({ instances: options.instances, databaseUrl: options.databaseUrl, secret: options.secret, label });
  const clients = members.map((member, index) => new LiveClient(() => deployment.originFor(index), member.cookie));
  try {
    // Every stream is open before anything is posted: what a stream started with is its person's whole inbox.
    await Promise.all(clients.map((client) => client.start()));
    const load = new PlanLoad({
      members,
      originFor: (index) => deployment.originFor(index),
      actionId: actionId(POST_PLAN.exportedName, POST_PLAN.file),
      roundMs: options.roundMs,
      // A third of the groups post nothing before the fault: their streams hold only the ready event's id.
      startsLate: (group) => group % 3 === 2,
    });
    const { faultAt } = await load.run({ before: options.before, after: options.after, fault: () => options.fault(deployment) });
    const delivery = await settle(pool, members, clients, { faultAt, timeoutMs: SETTLE_MS });
    const sum = (key: keyof LiveClient["stats"]) => clients.reduce((total, client) => total + client.stats[key], 0);
    const report = { ...delivery, ...load.stats, connects: sum("connects"), refusedConnects: sum("refused"), blindReopens: sum("blindReopens") };
    console.log(summary(options.name, report));
    return report;
  } finally {
    for (const client of clients) client.stop();
    await deployment.stop();
  }
}

function summary(name: string, r: ScenarioReport): string {
  return (
    `[faults] ${name}: notifications expected ${r.expected} / received live ${r.received} / lost ${r.lost} / duplicated ${r.duplicated}` +
    ` (unexpected ${r.unexpected}, ${r.sinceFault} made since the fault; plans left to the safety net ${r.orphaned}, still unmatched ${r.unmatched})` +
    ` · posts ${r.posted} ok, ${r.failedAttempts} failed attempts (${JSON.stringify(r.failures)}), ${r.gaveUp} given up, ${r.refused.length} refused` +
    ` · streams opened ${r.connects} times (${r.blindReopens} reopened without Last-Event-ID), refused ${r.refusedConnects}`
  );
}
