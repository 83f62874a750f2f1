// The rows `--ceiling` prints (report.mjs's printTable): [metric, measured, target, verdict].
const ms = (value) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : "–");
const n = (value, digits = 0) => value.toLocaleString("en", { maximumFractionDigits: digits });

export function ceilingRows(ceiling) {
  const rows = [];
  const { posts, notify, live, matcher } = ceiling;
  if (posts) {
    rows.push(["Sustained plan posts", `${n(posts.sustained)} posts/s (${posts.seconds} s steps, evenly spaced)`, `p95 ≤ ${posts.p95LimitMs} ms, keeping up`, ""]);
    for (const step of posts.steps) {
      rows.push([
        `  … at ${step.rate}/s`,
        `${step.rps.toFixed(1)} answered/s · p50 ${ms(step.p50)} · p95 ${ms(step.p95)} · ${step.failed} failed · last answer ${ms(step.tailMs)} after the last post · matcher backlog ${step.backlog}, drained in ${ms(step.drainMs)}`,
        "",
        step.ok ? "✓" : step.keepsUp ? "✗ p95" : "✗ falls behind",
      ]);
    }
  }
  for (const [realtime, result] of Object.entries(notify ?? {})) {
    for (const round of result.rounds) {
      rows.push([
        `Notifying commits (${realtime}), ${round.listeners} listening`,
        `${n(round.perSecond)} commits/s · reader woken after the commit's answer p50 ${ms(round.p50)} · p95 ${ms(round.p95)}, after its start p50 ${ms(round.fromStart.p50)} · p95 ${ms(round.fromStart.p95)} · ${n(round.delivered)}/${n(round.commits)} · listeners' CPU ${(round.listenerCpuMsPerCommit * 1000).toFixed(0)} µs a commit`,
        "",
        "",
      ]);
    }
  }
  for (const p2 of ceiling.p2 ?? []) {
    rows.push([
      `P2 through ${p2.realtime} (${p2.listeners} listening, ${p2.rate}/s)`,
      `after the post's response: p50 ${ms(p2.p50)} · p95 ${ms(p2.p95)} · p99 ${ms(p2.p99)} · from the post being sent p95 ${ms(p2.fromSent.p95)} · ${n(p2.delivered)}/${n(p2.posts)} delivered`,
      "p95 ≤ 50 ms",
      p2.p95 <= 50 && p2.delivered === p2.posts ? "✓" : "✗",
    ]);
  }
  if (live) {
    for (const point of live.points) {
      rows.push([
        `Live connections, ${n(point.connections)} on one process`,
        `${n(point.held)} held with heartbeats · RSS ${point.rssMb.toFixed(0)} MB (${point.kbPerConnection?.toFixed(1)} KB each) · wakes ${point.wakes.count}/${point.wakes.sent}, p95 ${ms(point.wakes.p95)}`,
        "",
        point.held === point.connections && point.wakes.count === point.wakes.sent ? "✓" : "✗",
      ]);
    }
  }
  for (const level of matcher?.levels ?? []) {
    for (const point of level.points) {
      rows.push([
        `Matcher, ${n(point.friends)} friends, ${n(level.plans)} active plans`,
        `post ${ms(point.postMs.p50)} + match ${ms(point.matchMs.p50)} (p50; match p95 ${ms(point.matchMs.p95)}) · ${point.statements.toFixed(0)} statements · ${point.candidates.toFixed(0)} candidates of ${point.friendsChecked.toFixed(0)} friends · CPU ${ms(point.nodeCpuMs)} app + ${ms(point.dbCpuMs)} db`,
        "",
        "",
      ]);
    }
  }
  return rows;
}
