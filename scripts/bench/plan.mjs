// The matcher's candidate query plan at this scale: EXPLAIN ANALYZE for a sample of real active
// plans (the app's own query object, run by tasks.ts). It must use indexes: no sequential scan of
// plans or friendships.
import { runTask } from "./tasks.mjs";

const WATCHED = new Set(["plans", "friendships"]);

function scans(node, found = []) {
  if (node["Node Type"]?.includes("Scan")) found.push({ type: node["Node Type"], table: node["Relation Name"], index: node["Index Name"] });
  for (const child of node.Plans ?? []) scans(child, found);
  return found;
}

export async function measureCandidatePlan({ client, env, samples = 20 }) {
  // Plans of the most connected posters in the busiest activity: the query's worst case.
  const { rows } = await client.query(
    `SELECT i.id FROM plans i
     JOIN LATERAL (SELECT count(*) AS friends FROM friendships f WHERE f.owner_id = i.user_id) f ON true
     WHERE i.ends_at > now() ORDER BY f.friends DESC, i.id LIMIT $1`,
    [samples],
  );
  const plans = await runTask(["explain", ...rows.map((row) => row.id)], env);
  const seqScans = plans.flatMap(({ plan }) => scans(plan.Plan).filter((scan) => scan.type === "Seq Scan" && WATCHED.has(scan.table)));
  const times = plans.map(({ plan }) => plan["Execution Time"]).sort((a, b) => a - b);
  return {
    samples: plans.length,
    seqScans: seqScans.length,
    indexes: [...new Set(plans.flatMap(({ plan }) => scans(plan.Plan).map((scan) => scan.index).filter(Boolean)))].sort(),
    medianMs: times[Math.floor(times.length / 2)],
    maxMs: times.at(-1),
    example: plans[0]?.text,
  };
}
