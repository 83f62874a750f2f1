import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { snapToCell } from "@/lib/geo";
import { plansOverlap, type MatchablePlan } from "@/lib/matching";
import { generateKeyPair, pairKeys, planTokens, ringCells, sealedMatch } from "@/lib/sealed";

// Place tokens name the UTC date of the plan's start minutes: one date's tokens never meet
// another's, and matching stays exactly the plain rule across midnight UTC.
const MINUTE = 60_000;
const BASE = Date.parse("2026-12-04T08:00:00Z");
const at = (minutes: number) => new Date(BASE + minutes * MINUTE);
const LISBON = { lat: 38.7223, lng: -9.1393 };
const hexes = (tokens: Uint8Array[]) => tokens.map((token) => Buffer.from(token).toString("hex")).sort();

const alice = generateKeyPair();
const bob = generateKeyPair();
const { tokenKey } = pairKeys(alice.secretKey, bob.publicKey, "alice", "bob");

function plan(overrides: Partial<MatchablePlan> = {}): MatchablePlan {
  return { activity: "surfing", startsAt: at(0), endsAt: at(120), cell: snapToCell(LISBON.lat, LISBON.lng, 7), travelKm: 10, ...overrides };
}

/** Stored plan P's tokens made when it was posted, new plan Q's at `now`: the server's decision. */
function sealed(p: MatchablePlan, postedP: Date, q: MatchablePlan, now: Date): boolean {
  return sealedMatch(planTokens(tokenKey, p, postedP), planTokens(tokenKey, q, now));
}

describe("place tokens carry the UTC date", () => {
  const MIDNIGHT = Date.parse("2026-12-05T00:00:00Z");
  const around = (minutes: number) => new Date(MIDNIGHT + minutes * MINUTE);

  it("gives a window across midnight UTC centre and ring tokens for both dates, and one that starts after it only the second", () => {
    const key = new Uint8Array(32).map((_, i) => 255 - i);
    const cell = snapToCell(LISBON.lat, LISBON.lng, 7);
    const reference = (...fields: (string | number)[]) =>
      createHmac("sha256", key).update(fields.join("\u001f"), "utf8").digest().subarray(0, 16).toString("hex");
    const p = plan({ cell, travelKm: 5, startsAt: around(-60), endsAt: around(120) });
    const tokens = planTokens(key, p, around(-60));
    const days = ["2026-12-04", "2026-12-05"];
    expect(hexes(tokens.centre)).toEqual(days.flatMap((day) => [2, 5].map((r) => reference("centre", "surfing", day, r, cell))).sort());
    expect(hexes(tokens.ring)).toEqual(
      days.flatMap((day) => [2, 5].flatMap((r) => ringCells(cell, r).map((c) => reference("centre", "surfing", day, r, c)))).sort(),
    );
    // Posted at 00:10, its start minutes are all on the 5th: the 4th's tokens are gone.
    expect(hexes(planTokens(key, p, around(10)).centre)).toEqual([2, 5].map((r) => reference("centre", "surfing", "2026-12-05", r, cell)).sort());
    // Ends at 00:14: its last start minute is 23:59, so the 5th is never named.
    expect(hexes(planTokens(key, plan({ cell, travelKm: 5, startsAt: around(-60), endsAt: around(14) }), around(-60)).centre)).toEqual(
      [2, 5].map((r) => reference("centre", "surfing", "2026-12-04", r, cell)).sort(),
    );
  });

  it("still matches exactly as plansOverlap across midnight: together only after it, only before it, or across it", () => {
    const p = plan({ startsAt: around(-60), endsAt: around(60) });
    const cases: [MatchablePlan, Date, boolean][] = [
      [plan({ startsAt: around(30), endsAt: around(180) }), around(-30), true], // 00:30–01:00, all after midnight
      [plan({ startsAt: around(46), endsAt: around(180) }), around(-30), false], // 14 minutes after midnight
      [plan({ startsAt: around(45), endsAt: around(180) }), around(-30), true], // exactly 15
      [plan({ startsAt: around(-200), endsAt: around(-30) }), around(-200), true], // all before midnight
      [plan({ startsAt: around(-20), endsAt: around(10) }), around(-20), true], // across it
      [plan({ startsAt: around(0), endsAt: around(180) }), around(50), false], // posted at 00:50: 10 minutes left
      [plan({ startsAt: around(-300), endsAt: around(-46) }), around(-300), false], // 14 minutes, before midnight
    ];
    for (const [q, now, expected] of cases) {
      expect(plansOverlap(q, p, now)).toBe(expected);
      expect(sealed(p, around(-70), q, now)).toBe(expected);
    }
    // A new plan with the same window, posted after midnight, still meets it from the 5th's tokens.
    expect(sealed(p, around(-70), plan({ startsAt: around(-60), endsAt: around(60) }), around(20))).toBe(true);
  });

  it("differ for the same plan posted on two days: no centre or ring token repeats", () => {
    const monday = plan({ startsAt: at(120), endsAt: at(240), travelKm: 25 });
    const tuesday = plan({ startsAt: at(24 * 60 + 120), endsAt: at(24 * 60 + 240), travelKm: 25 });
    const first = planTokens(tokenKey, monday, at(60));
    const second = planTokens(tokenKey, tuesday, at(24 * 60 + 60));
    expect(first.centre).toHaveLength(4);
    expect(second.centre).toHaveLength(4);
    const seen = new Set(hexes([...first.centre, ...first.ring]));
    expect(hexes([...second.centre, ...second.ring]).filter((token) => seen.has(token))).toEqual([]);
    // Each still matches its own day's twin.
    expect(sealedMatch(first, planTokens(tokenKey, monday, at(60)))).toBe(true);
    expect(sealedMatch(first, second)).toBe(false);
  });
});
