// Bundled by scripts/bench/sealed-client.mjs (esbuild) and run in headless Chromium: what one plan's
// sealed tokens cost the poster's browser, with lib/sealed as the app would ship it.
import { generateKeyPair, pairKeys, planTokens } from "@/lib/sealed";

type Cell = { friends: number; travelKm: number; hours: number; runs: number };

const MINUTE_MS = 60_000;
// A res-7 cell in central London: the finest resolution gives the most ring cells (the worst case).
const CELL = "87195da49ffffff";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** One cell of the grid, `runs` times: pair keys for every friend, then the plan's tokens for each. */
function measure({ friends, travelKm, hours, runs }: Cell) {
  const me = generateKeyPair();
  // Friends' key pairs are theirs, made on their devices: not part of the poster's cost.
  const others = Array.from({ length: friends }, (_, n) => ({ id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`, publicKey: generateKeyPair().publicKey }));
  const now = new Date(Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS);
  const plan = { activity: "running", startsAt: now, endsAt: new Date(now.getTime() + hours * 3_600_000), cell: CELL, travelKm };
  const keyMs: number[] = [];
  const tokenMs: number[] = [];
  let counts = { centre: 0, ring: 0, minutes: 0 };
  for (let run = 0; run < runs; run++) {
    let started = performance.now();
    const keys = others.map((friend) => pairKeys(me.secretKey, friend.publicKey, "10000000-0000-4000-8000-000000000000", friend.id));
    keyMs.push(performance.now() - started);
    started = performance.now();
    const tokens = keys.map(({ tokenKey }) => planTokens(tokenKey, plan, now));
    tokenMs.push(performance.now() - started);
    counts = { centre: 0, ring: 0, minutes: 0 };
    for (const t of tokens) {
      counts.centre += t.centre.length;
      counts.ring += t.ring.length;
      counts.minutes += t.minutes.length;
    }
  }
  return { friends, travelKm, hours, runs, keyMs: median(keyMs), tokenMs: median(tokenMs), tokenRunsMs: tokenMs, ...counts };
}

(globalThis as unknown as { sealedBench: unknown }).sealedBench = { measure };
