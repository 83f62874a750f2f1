// The load side of `npm run bench -- --cluster`: a process of its own (ts-child.mjs) that loads the
// app through the load balancer with the fault suite's own machinery (tests/faults/support): groups of
// close friends, each holding a live stream that reconnects like a browser's (Last-Event-ID), posting
// plans in rounds through the composer's server action (a failed post retried with its postKey).
// Messages, in this order:
//   { run: { origin, label, seed, groups, roundMs, before, after } }
//        seeds the people, opens every stream, starts posting; answers { fault: true } when the fault
//        is to strike (after `before` rounds) — the bench then kills an app process
//   { faulted: true }
//        the fault is over: `after` more rounds, then quiet until every inbox is delivered (or the time
//        is up); answers { report } — each inbox compared with what its stream received, post and
//        live-notification times before and after the fault
// Instants are epoch milliseconds (performance.timeOrigin + now).
import { createInterface } from "node:readline";
import pg from "pg";
import { env } from "@/lib/env";
import { sealNotificationId } from "@/lib/server/live/notification-ids";
import { LiveClient } from "../../tests/faults/support/live-client";
import { PlanLoad, type PostTiming } from "../../tests/faults/support/load";
import { settle } from "../../tests/faults/support/settle";
import { seedGroups, type Member } from "../../tests/faults/support/world";
import { summarize } from "./load.mjs";
import { actionId, POST_PLAN } from "./requests.mjs";

type Run = { origin: string; label: string; seed: number; groups: number; roundMs: number; before: number; after: number };

/** The match safety net (in the worker) runs every 30 s and leaves plans younger than 10 s: room for two runs. */
const SETTLE_MS = 90_000;

const input = createInterface({ input: process.stdin });
// The bench closes our input to stop us, whatever we are waiting for.
input.once("close", () => process.exit(0));
const lines = input[Symbol.asyncIterator]();
async function nextMessage(): Promise<{ run?: Run; faulted?: true }> {
  const { value } = await lines.next();
  return JSON.parse(value as string);
}
const say = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);
/** Progress, to standard error (bench/cluster-drive.log): where a run that never answers stopped. */
const note = (text: string) => console.error(`${new Date().toISOString()} ${text}`);
/** A database that stops answering fails the run instead of hanging it. */
const POOL = { max: 4, connectionTimeoutMillis: 10_000, query_timeout: 60_000 };

/** For each notification a stream received: when it arrived after the answer to the post that made its match (0 if before it). */
async function liveDelays(pool: pg.Pool, members: Member[], clients: LiveClient[], timings: Map<string, PostTiming>) {
  // The match's later plan is the post that made it: its match step found the earlier one.
  const { rows } = await pool.query<{ userId: string; id: string; postKey: string | null }>(
    `SELECT n.user_id AS "userId", n.id::text,
            (SELECT p.post_key::text FROM plans p WHERE p.id IN (m.plan_low_id, m.plan_high_id) ORDER BY p.created_at DESC LIMIT 1) AS "postKey"
       FROM notifications n JOIN matches m ON m.id = n.match_id
      WHERE n.user_id = ANY($1::uuid[])`,
    [members.map((member) => member.userId)],
  );
  const postOf = new Map<string, string | null>();
  for (const row of rows) postOf.set(`${row.userId} ${sealNotificationId(row.userId, BigInt(row.id))}`, row.postKey);
  const delays: { arrivedAt: number; ms: number }[] = [];
  members.forEach((member, index) => {
    const client = clients[index]!;
    client.received.forEach((id, n) => {
      const answeredAt = timings.get(postOf.get(`${member.userId} ${id}`) ?? "")?.answeredAt;
      const arrivedAt = client.arrivedAt[n]!;
      if (answeredAt !== undefined) delays.push({ arrivedAt, ms: Math.max(0, arrivedAt - answeredAt) });
    });
  });
  return delays;
}

/** Percentiles of `items`' `ms` before and after `at`, split by `when`. */
function split<T extends { ms: number }>(items: T[], when: (item: T) => number, at: number) {
  return {
    before: summarize(items.filter((item) => when(item) < at).map((item) => item.ms)),
    after: { ...summarize(items.filter((item) => when(item) >= at).map((item) => item.ms)), max: Math.max(0, ...items.filter((item) => when(item) >= at).map((item) => item.ms)) },
  };
}

async function drive(run: Run) {
  const pool = new pg.Pool({ connectionString: env().DATABASE_URL, ...POOL });
  const members = await seedGroups(pool, { label: run.label, groups: run.groups, secret: env().AUTH_SECRET, seed: run.seed });
  // Every stream and every post goes through the balancer: it picks the app process.
  const clients = members.map((member) => new LiveClient(() => run.origin, member.cookie));
  try {
    // Every stream is open before anything is posted: what a stream started with is its person's whole inbox.
    await Promise.all(clients.map((client) => client.start()));
    note(`${clients.length} streams open; posting`);
    const load = new PlanLoad({
      members,
      originFor: () => run.origin,
      actionId: actionId(POST_PLAN.exportedName, POST_PLAN.file),
      roundMs: run.roundMs,
      // A quarter of the groups post nothing before the fault: their streams hold only the ready event's id.
      startsLate: (group) => group % 4 === 3,
    });
    const { faultAt } = await load.run({
      before: run.before,
      after: run.after,
      fault: async () => {
        say({ fault: true });
        await nextMessage();
        note("fault over");
      },
    });
    note(`load over (${load.stats.posted} posted); settling`);
    const delivery = await settle(pool, members, clients, { faultAt, timeoutMs: SETTLE_MS });
    note(`settled: ${JSON.stringify(delivery)}`);
    const at = faultAt.getTime();
    const posts = [...load.timings.values()].map(({ sentAt, answeredAt }) => ({ sentAt, ms: answeredAt - sentAt }));
    const delays = await liveDelays(pool, members, clients, load.timings);
    const sum = (key: keyof LiveClient["stats"]) => clients.reduce((total, client) => total + client.stats[key], 0);
    return {
      people: members.length,
      delivery,
      posts: { ...load.stats, ...split(posts, (post) => post.sentAt, at) },
      live: split(delays, (delay) => delay.arrivedAt, at),
      streams: {
        count: clients.length,
        reconnected: clients.filter((client) => client.stats.connects > 1).length,
        connects: sum("connects"),
        dropped: sum("dropped"),
        refused: sum("refused"),
        blindReopens: sum("blindReopens"),
      },
    };
  } finally {
    for (const client of clients) client.stop();
    await pool.end();
  }
}

const { run } = await nextMessage();
if (run) say({ report: await drive(run) });
process.exit(0);
