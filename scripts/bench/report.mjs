// The bench's table and bench/results.json: every figure next to its target, and the machine.
import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";

const ms = (value) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : "–");
const mark = (ok) => (ok ? "✓ met" : "✗ missed");

/** Rows of [metric, measured, target, verdict]. */
export function rowsOf(r) {
  const rows = [];
  if (r.p1) {
    const { app, baseline, ratio } = r.p1;
    rows.push(["P1 plan posts, app", `${app.rps.toFixed(0)} req/s · p50 ${ms(app.p50)} · p95 ${ms(app.p95)} · p99 ${ms(app.p99)}`, "", ""]);
    rows.push(["P1 plan posts, bare baseline", `${baseline.rps.toFixed(0)} req/s · p50 ${ms(baseline.p50)} · p95 ${ms(baseline.p95)} · p99 ${ms(baseline.p99)}`, "", ""]);
    rows.push(["P1 ratio app/baseline", ratio.toFixed(2), "≥ 0.60", mark(ratio >= 0.6)]);
  }
  if (r.p2) {
    const p2 = r.p2;
    rows.push([
      `P2 post → live notification (${p2.listeners} listening, ${p2.rate}/s)`,
      `after the post's response: p50 ${ms(p2.p50)} · p95 ${ms(p2.p95)} · p99 ${ms(p2.p99)} · ${p2.delivered}/${p2.posts} delivered`,
      "p95 ≤ 50 ms",
      mark(p2.p95 <= 50 && p2.delivered === p2.posts),
    ]);
    const sent = p2.fromSent;
    rows.push(["P2 … from the post being sent", `p50 ${ms(sent.p50)} · p95 ${ms(sent.p95)} · p99 ${ms(sent.p99)} · ${p2.early} arrived before the response`, "", ""]);
    if (p2.push) {
      const push = p2.push;
      rows.push([
        "P2 match → push request at the push service",
        `after the post's response: p50 ${ms(push.p50)} · p95 ${ms(push.p95)} · p99 ${ms(push.p99)} · ${push.delivered}/${p2.posts} pushed`,
        "p95 ≤ 250 ms",
        mark(push.p95 <= 250 && push.delivered === p2.posts),
      ]);
      rows.push(["P2 … push from the post being sent", `p50 ${ms(push.fromSent.p50)} · p95 ${ms(push.fromSent.p95)} · p99 ${ms(push.fromSent.p99)}`, "", ""]);
    }
  }
  if (r.p3) {
    const { app, baseline } = r.p3;
    rows.push([
      "P3 idle live connections, app",
      `${app.held.toLocaleString("en")} held · ${app.kbPerConnection?.toFixed(1)} KB each · RSS ${app.rssAfterMb.toFixed(0)} MB`,
      // 10,000 at full scale; --quick opens fewer.
      `≥ ${r.world.connections.toLocaleString("en")} held, RSS ≤ 1 GB`,
      mark(app.held >= r.world.connections && app.rssAfterMb <= 1024),
    ]);
    rows.push(["P3 idle connections, bare SSE server", `${baseline.held.toLocaleString("en")} held · ${baseline.kbPerConnection?.toFixed(1)} KB each · RSS ${baseline.rssAfterMb.toFixed(0)} MB`, "", ""]);
  }
  if (r.p4) {
    const { homeKb, emptyKb, deltaKb } = r.p4;
    rows.push(["P4 first-load JS (gzip), home vs empty route", `${homeKb.toFixed(1)} kB vs ${emptyKb.toFixed(1)} kB (+${deltaKb.toFixed(1)} kB)`, "≤ empty + 40 kB", mark(deltaKb <= 40)]);
  }
  if (r.p5) {
    const p5 = r.p5;
    rows.push(["P5 retention sweep", `${p5.rows.toLocaleString("en")} plans in ${p5.seconds.toFixed(1)} s`, "≤ 60 s per 1,000,000", mark(p5.seconds <= 60 * (p5.rows / 1_000_000 || 1))]);
    rows.push(["P5 post p99 during sweep vs idle", `${ms(p5.during.p99)} vs ${ms(p5.idle.p99)} (×${p5.p99Ratio.toFixed(2)})`, "≤ 2×", mark(p5.p99Ratio <= 2)]);
  }
  if (r.plan) {
    const plan = r.plan;
    rows.push([
      "Candidate query plan",
      `${plan.seqScans} seq scans of plans/friendships in ${plan.samples} plans · median ${ms(plan.medianMs)} · max ${ms(plan.maxMs)}`,
      "indexes only",
      mark(plan.seqScans === 0),
    ]);
  }
  if (r.sealed?.server) {
    const { seeding, matching } = r.sealed.server;
    const spread = (x) => `p50 ${ms(x.p50)} · p95 ${ms(x.p95)} · p99 ${ms(x.p99)}`;
    const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
    rows.push([
      "Sealed tokens stored (bench table)",
      `${seeding.rows.toLocaleString("en")} rows for ${seeding.plans.toLocaleString("en")} plans · ${seeding.tokens.toLocaleString("en")} tokens · ${mb(seeding.bytes.total)} (heap ${mb(seeding.bytes.heap)}, toast ${mb(seeding.bytes.toast)}, index ${mb(seeding.bytes.indexes)}) · seeded in ${seeding.seconds.toFixed(1)} s`,
      "",
      "",
    ]);
    rows.push([`Sealed equality match, ${matching.samples} new plans`, `${spread(matching.sealedMs)} (tokens in hand; ${matching.paramKb.p50.toFixed(0)} kB of tokens sent, p95 ${matching.paramKb.p95.toFixed(0)} kB)`, "", ""]);
    rows.push(["Candidate query today, same plans", spread(matching.candidateMs), "", ""]);
    rows.push(["… the poster's tokens for those plans (Node, pair keys cached)", `${spread(matching.clientTokensMs)} · ${matching.ringTokens.p50.toFixed(0)} ring tokens (p95 ${matching.ringTokens.p95.toFixed(0)}) for ${matching.friends.p50} friends (p95 ${matching.friends.p95})`, "", ""]);
    rows.push([
      "Sealed vs plain overlap rule",
      `${matching.agreed}/${matching.samples} plans agree · ${matching.matched} matched ${matching.matches} plans (of ${matching.candidates} candidates)`,
      "all agree",
      mark(matching.agreed === matching.samples),
    ]);
  }
  return rows;
}

/** The client grid of `--sealed`: one row per friends × radius × window. */
export function printSealed(sealed, log) {
  const { rows, framingBytes, chromium } = sealed.client;
  log(`Sealed tokens for ONE plan in headless Chromium ${chromium}, res 7, median of ${rows[0].runs}+ runs; bytes = tokens × 16 + ${framingBytes} per friend`);
  const table = [
    ["friends", "km", "window", "pair keys", "tokens", "tokens up (centre / ring / minutes)", "bytes up", "ring"],
    ...rows.map((row) => [
      String(row.friends),
      String(row.travelKm),
      `${row.hours} h`,
      ms(row.keyMs),
      ms(row.tokenMs),
      `${row.tokens.toLocaleString("en")} (${row.centre.toLocaleString("en")} / ${row.ring.toLocaleString("en")} / ${row.minutes.toLocaleString("en")})`,
      `${(row.bytes / 1024).toFixed(0)} kB`,
      `${(row.ringShare * 100).toFixed(0)}%`,
    ]),
  ];
  const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
  for (const row of table) log(row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join("  "));
  log("");
}

export async function machine(client) {
  const { rows } = await client.query("SHOW server_version");
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgres: rows[0].server_version,
  };
}

export function printTable(rows, log) {
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows) log(`${row[0].padEnd(widths[0])}  ${row[1].padEnd(widths[1])}  ${row[2].padEnd(widths[2])}  ${row[3]}`);
}

export function writeResults(file, results) {
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}
