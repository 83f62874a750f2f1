// The rows `--cluster` prints (report.mjs's printTable): [metric, measured, target, verdict].
const ms = (value) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : "–");
const times = (s) => `p50 ${ms(s.p50)} · p95 ${ms(s.p95)} (${s.count.toLocaleString("en")})`;

export function clusterRows(cluster) {
  const { delivery, posts, live, streams, fault, servers } = cluster;
  const failures = Object.entries(posts.failures)
    .map(([why, count]) => `${count} ${why}`)
    .join(", ");
  return [
    [
      `Cluster (${cluster.processes} app processes, ${cluster.realtime}, HAProxy)`,
      `${cluster.people} friends listening and posting · app1 killed: out of HAProxy after ${ms(fault.takenOutMs)}, back after ${ms(fault.downMs)}`,
      "",
      "",
    ],
    [
      "  Live notifications delivered",
      `${delivery.expected.toLocaleString("en")} stored · lost ${delivery.lost} · duplicated ${delivery.duplicated} · not theirs ${delivery.unexpected} · ${delivery.sinceFault.toLocaleString("en")} made since the kill · ${delivery.orphaned} plans left to the safety net, ${delivery.unmatched} unmatched`,
      "0 lost, 0 twice",
      cluster.ok ? "✓" : "✗",
    ],
    [
      "  Streams",
      `${streams.count} open through HAProxy · ${streams.reconnected} reconnected (${streams.dropped} drops, ${streams.refused} refused attempts, ${streams.blindReopens} reopened without Last-Event-ID)`,
      "",
      "",
    ],
    [
      "  Plan posts",
      `${posts.posted.toLocaleString("en")} stored · ${posts.failedAttempts} failed attempts retried with their postKey${failures ? ` (${failures})` : ""} · ${posts.gaveUp} given up · ${posts.refused.length} refused`,
      "none given up",
      posts.gaveUp === 0 && posts.refused.length === 0 ? "✓" : "✗",
    ],
    ["  P1 post answered, before the kill", times(posts.before), "", ""],
    ["  P1 post answered, since the kill", `${times(posts.after)} · max ${ms(posts.after.max)}`, "", ""],
    ["  P2 post → friend's stream, before the kill", times(live.before), "p95 ≤ 50 ms", live.before.p95 <= 50 ? "✓" : "✗"],
    ["  P2 post → friend's stream, since the kill", `${times(live.after)} · max ${ms(live.after.max)}`, "", ""],
    ["  Requests per app process (HAProxy)", servers.map((server) => `${server.name} ${server.requests.toLocaleString("en")} (${server.errors5xx} 5xx)`).join(" · "), "", ""],
  ];
}
