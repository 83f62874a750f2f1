// Work the bench runs with the app's own server code, in a process of its own (through tsx with the
// react-server condition, like `npm run worker`). Prints one line of JSON.
//   tasks.ts sweep                   one retention sweep, timed
//   tasks.ts explain <plan id>…      EXPLAIN ANALYZE of the matcher's candidate query for each plan
import { pool } from "@/lib/server/db";
import { sweepRetention } from "@/lib/server/jobs/retention";
import { CANDIDATES, candidateArgs } from "@/lib/server/plans/matcher";

type Plan = Parameters<typeof candidateArgs>[0];

async function sweep() {
  const started = performance.now();
  const counts = await sweepRetention(new Date());
  return { seconds: (performance.now() - started) / 1000, counts };
}

async function explain(ids: string[]) {
  const plans = [];
  for (const id of ids) {
    const { rows } = await pool().query<Plan>(
      `SELECT id, user_id AS "userId", activity, starts_at AS "startsAt", ends_at AS "endsAt", cell, travel_km AS "travelKm", audience
       FROM plans WHERE id = $1`,
      [id],
    );
    const values = candidateArgs(rows[0]!, new Date());
    const json = await pool().query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${CANDIDATES.text}`, values);
    const text = await pool().query(`EXPLAIN (ANALYZE, COSTS OFF) ${CANDIDATES.text}`, values);
    plans.push({ id, plan: json.rows[0]["QUERY PLAN"][0], text: text.rows.map((row) => row["QUERY PLAN"]).join("\n") });
  }
  return plans;
}

const [task, ...args] = process.argv.slice(2);
const result = task === "sweep" ? await sweep() : task === "explain" ? await explain(args) : null;
if (!result) throw new Error(`Unknown task ${task}`);
console.log(JSON.stringify(result));
await pool().end();
