// The matcher's cost per post for `npm run bench -- --ceiling`: posts plans through the app's own
// createPlan and runs the match step it returns (what the post action does after answering), one
// post at a time, counting every statement sent to the database, this process's CPU and the
// database server's (the `postgres` processes on this machine, from /proc). Input: a JSON file
//   { warmUp: Poster, points: [{ friends, posters: Poster[] }] }   Poster: { userId, cell }
// Prints one line of JSON: per point, one entry per post.
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import pg from "pg";
import { pool } from "@/lib/server/db";
import { CANDIDATES, candidateArgs } from "@/lib/server/plans/matcher";
import { createPlan } from "@/lib/server/plans/plans";
import { sql } from "@/lib/server/sql";

type Poster = { userId: string; cell: string };
type Input = { warmUp: Poster; points: { friends: number; posters: Poster[] }[] };

// Every statement of every connection goes through pg's Client#query (the pool's and Prisma's too).
let statements = 0;
const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
const query = prototype.query;
prototype.query = function (this: unknown, ...args: unknown[]) {
  statements++;
  return query.apply(this, args);
};

const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux
/** CPU used so far by the database server's processes on this machine (0 when there are none). */
function postgresCpuMs(): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (!stat.includes("(postgres)")) continue;
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // a backend that ended meanwhile
    }
  }
  return ticks * CLOCK_TICK_MS;
}

async function post({ userId, cell }: Poster) {
  const now = new Date();
  const plan = { activity: "running", cell, travelKm: 10, audience: "friends" as const, note: "", postKey: randomUUID(), startsAt: now, endsAt: new Date(now.getTime() + 2 * 3600_000) };
  const cpu = process.cpuUsage();
  const first = statements;
  const started = performance.now();
  const { match } = await createPlan(userId, plan, now);
  const posted = performance.now();
  const inserted = statements;
  const matches = await match();
  const done = performance.now();
  const used = process.cpuUsage(cpu);
  return {
    postMs: posted - started,
    matchMs: done - posted,
    postStatements: inserted - first,
    matchStatements: statements - inserted,
    nodeCpuMs: (used.user + used.system) / 1000,
    matches,
    candidateArgs: candidateArgs({ ...plan, userId }, now),
  };
}

/** What the matcher had to go through for a post: its candidate plans, and the friends they belong to. */
async function candidatesOf({ candidateArgs: args, ...measured }: Awaited<ReturnType<typeof post>>) {
  const candidates = await sql.rows(CANDIDATES, args);
  return { ...measured, candidates: candidates.length, friendsChecked: new Set(candidates.map((candidate) => candidate.userId)).size };
}

const input = JSON.parse(readFileSync(process.argv[2] ?? "", "utf8")) as Input;
await post(input.warmUp); // loads and compiles the path; the statements get prepared
const points = [];
for (const { friends, posters } of input.points) {
  const dbBefore = postgresCpuMs();
  const posts = [];
  for (const poster of posters) posts.push(await post(poster));
  const dbCpuMsPerPost = (postgresCpuMs() - dbBefore) / posters.length;
  points.push({ friends, posts: await Promise.all(posts.map(candidatesOf)), dbCpuMsPerPost });
}
console.log(JSON.stringify(points));
await pool().end();
