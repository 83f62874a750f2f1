import { createHmac } from "node:crypto";
import { cellToLatLng, getHexagonEdgeLengthAvg, gridDisk } from "h3-js";
import { describe, expect, it } from "vitest";
import { centreDistanceKm, slackKm, snapToCell, type Resolution } from "@/lib/geo";
import { plansOverlap, windowsOverlap, type MatchablePlan } from "@/lib/matching";
import { generateKeyPair, pairKeys, planTokens, ringCells, sealedMatch, TOKEN_BYTES } from "@/lib/sealed";
import { TRAVEL_KM } from "@/lib/validation/plan-limits";
import { random as seeded } from "../../scripts/bench/random.mjs";

const MINUTE = 60_000;
const BASE = Date.parse("2026-12-04T08:00:00Z");
const at = (minutes: number) => new Date(BASE + minutes * MINUTE);
const LISBON = { lat: 38.7223, lng: -9.1393 };
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const hexes = (tokens: Uint8Array[]) => tokens.map(hex).sort();

const alice = generateKeyPair();
const bob = generateKeyPair();
const { tokenKey } = pairKeys(alice.secretKey, bob.publicKey, "alice", "bob");

function plan(overrides: Partial<MatchablePlan> = {}): MatchablePlan {
  return { activity: "surfing", startsAt: at(0), endsAt: at(120), cell: snapToCell(LISBON.lat, LISBON.lng, 7), travelKm: 10, ...overrides };
}

/** A point `km` from `from` in direction `bearing` (flat-earth offset: plenty for 80 km). */
function offset(from: { lat: number; lng: number }, km: number, bearing: number) {
  return {
    lat: from.lat + (km * Math.cos(bearing)) / 111.32,
    lng: from.lng + (km * Math.sin(bearing)) / (111.32 * Math.cos((from.lat * Math.PI) / 180)),
  };
}

/** Stored plan P's tokens made when it was posted, new plan Q's at `now`: the server's decision. */
function sealed(p: MatchablePlan, postedP: Date, q: MatchablePlan, now: Date): boolean {
  return sealedMatch(planTokens(tokenKey, p, postedP), planTokens(tokenKey, q, now));
}

describe("planTokens", () => {
  it("are HMAC-SHA256 truncated to 16 bytes over the fields joined by U+001F, as an independent HMAC makes them", () => {
    const key = new Uint8Array(32).map((_, i) => i);
    const cell = snapToCell(LISBON.lat, LISBON.lng, 6);
    const p = plan({ activity: "board games", cell, travelKm: 5, startsAt: at(0), endsAt: at(20) });
    const reference = (...fields: (string | number)[]) =>
      createHmac("sha256", key).update(fields.join("\u001f"), "utf8").digest().subarray(0, 16).toString("hex");

    const tokens = planTokens(key, p, at(0));
    expect(hexes(tokens.centre)).toEqual([2, 5].map((r) => reference("centre", "board games", "2026-12-04", r, cell)).sort());
    expect(hexes(tokens.ring)).toEqual([2, 5].flatMap((r) => ringCells(cell, r).map((c) => reference("centre", "board games", "2026-12-04", r, c))).sort());
    const starts = ["08:00", "08:01", "08:02", "08:03", "08:04", "08:05"];
    expect(hexes(tokens.minutes)).toEqual(starts.map((m) => reference("minute", "board games", `2026-12-04T${m}Z`)).sort());
  });

  it("are all TOKEN_BYTES long, one minute token per whole minute a 15-minute stretch can start", () => {
    const tokens = planTokens(tokenKey, plan({ travelKm: 25, startsAt: at(0), endsAt: at(120) }), at(0));
    for (const token of [...tokens.centre, ...tokens.ring, ...tokens.minutes]) {
      expect(token).toHaveLength(TOKEN_BYTES);
      expect(token.buffer.byteLength).toBe(TOKEN_BYTES); // nothing more of the HMAC behind the view
    }
    expect(tokens.centre).toHaveLength(4);
    expect(tokens.minutes).toHaveLength(120 - 15 + 1);
    // Counted from `now`, rounded inward to whole minutes.
    expect(planTokens(tokenKey, plan(), new Date(BASE + 30 * MINUTE + 1)).minutes).toHaveLength(120 - 31 - 15 + 1);
    expect(planTokens(tokenKey, plan({ endsAt: new Date(BASE + 120 * MINUTE - 1) }), at(0)).minutes).toHaveLength(119 - 15 + 1);
    expect(planTokens(tokenKey, plan({ startsAt: at(0), endsAt: at(15) }), at(0)).minutes).toHaveLength(1);
    // Its last 14 minutes: no start minute left, so no date and no place tokens either — it matches nobody.
    expect(planTokens(tokenKey, plan(), at(106))).toEqual({ centre: [], ring: [], minutes: [] });
    // One centre token per radius class up to the plan's own, none repeated.
    for (const travelKm of TRAVEL_KM) {
      const { centre, ring, minutes } = planTokens(tokenKey, plan({ travelKm }), at(0));
      expect(centre).toHaveLength(TRAVEL_KM.filter((r) => r <= travelKm).length);
      const all = hexes([...centre, ...ring, ...minutes]);
      expect(new Set(all).size).toBe(all.length - centre.length); // each centre token is also in the plan's own ring
    }
  });

  it("refuse an activity the server would not store as is, a travel distance that is no choice, a window over 12 hours, a cell finer than res 7", () => {
    expect(() => planTokens(tokenKey, plan({ activity: "Surfing" }), at(0))).toThrow(RangeError);
    expect(() => planTokens(tokenKey, plan({ activity: " surfing" }), at(0))).toThrow(RangeError);
    expect(() => planTokens(tokenKey, plan({ activity: "" }), at(0))).toThrow(RangeError);
    expect(() => planTokens(tokenKey, plan({ travelKm: 7 }), at(0))).toThrow(RangeError);
    expect(() => planTokens(tokenKey, plan({ endsAt: at(12 * 60 + 1) }), at(0))).toThrow(RangeError);
    expect(() => planTokens(tokenKey, plan({ cell: snapToCell(LISBON.lat, LISBON.lng, 8 as Resolution) }), at(0))).toThrow(RangeError);
    expect(() => planTokens(new Uint8Array(16), plan(), at(0))).toThrow(RangeError);
  });

  it("differ between pairs: one friend's tokens never match another's", () => {
    const carol = generateKeyPair();
    const other = pairKeys(alice.secretKey, carol.publicKey, "alice", "carol").tokenKey;
    expect(sealedMatch(planTokens(tokenKey, plan(), at(0)), planTokens(tokenKey, plan(), at(0)))).toBe(true);
    expect(sealedMatch(planTokens(tokenKey, plan(), at(0)), planTokens(other, plan(), at(0)))).toBe(false);
  });
});

describe("sealedMatch at the edges of the plain rule", () => {
  it("needs 15 minutes together: exactly 15 matches, 14 does not", () => {
    const p = plan({ startsAt: at(0), endsAt: at(60) });
    for (const [start, expected] of [
      [45, true],
      [46, false],
    ] as const) {
      const q = plan({ startsAt: at(start), endsAt: at(200) });
      expect(plansOverlap(p, q, at(30))).toBe(expected);
      expect(sealed(p, at(-10), q, at(30))).toBe(expected);
    }
  });

  it("counts from the newer post: 15 minutes left matches, 14 does not", () => {
    const p = plan({ startsAt: at(0), endsAt: at(60) });
    const q = plan({ startsAt: at(-60), endsAt: at(300) });
    expect(sealed(p, at(-10), q, at(45))).toBe(true);
    expect(sealed(p, at(-10), q, at(46))).toBe(false);
    expect(plansOverlap(p, q, at(46))).toBe(false);
  });

  it("needs the same activity", () => {
    expect(sealed(plan(), at(0), plan({ activity: "tennis" }), at(0))).toBe(false);
  });

  it("uses the smaller radius: 25 km and 2 km do not meet 10 km apart, 25 and 25 do", () => {
    const { lat, lng } = offset(LISBON, 10, 1);
    const tenKmAway = snapToCell(lat, lng, 7);
    expect(sealed(plan({ travelKm: 25 }), at(0), plan({ cell: tenKmAway, travelKm: 2 }), at(0))).toBe(false);
    expect(sealed(plan({ travelKm: 2 }), at(0), plan({ cell: tenKmAway, travelKm: 25 }), at(0))).toBe(false);
    expect(sealed(plan({ travelKm: 25 }), at(0), plan({ cell: tenKmAway, travelKm: 25 }), at(0))).toBe(true);
  });

  // For each pair of resolutions and each radius, the cell just inside radius + slack and the one
  // just outside it.
  const edges = ([5, 6, 7] as const).flatMap((mine) => ([5, 6, 7] as const).flatMap((theirs) => TRAVEL_KM.map((travelKm) => ({ mine, theirs, travelKm }))));
  it.each(edges)("holds at the radius edge, res $mine against res $theirs at $travelKm km", ({ mine, theirs, travelKm }) => {
    const cell = snapToCell(LISBON.lat, LISBON.lng, mine);
    const around = snapToCell(LISBON.lat, LISBON.lng, theirs);
    const margins = gridDisk(around, theirs === 7 ? 30 : theirs === 6 ? 12 : 6).map((c) => ({
      c,
      margin: centreDistanceKm(cell, c) - (travelKm + slackKm(cell, c)),
    }));
    const inside = margins.filter((m) => m.margin <= 0).sort((a, b) => b.margin - a.margin)[0]!;
    const outside = margins.filter((m) => m.margin > 0).sort((a, b) => a.margin - b.margin)[0]!;
    // The nearest cells on either side of the edge: within a cell's width of it.
    const width = 2 * getHexagonEdgeLengthAvg(theirs, "km");
    expect(inside.margin).toBeGreaterThan(-width);
    expect(outside.margin).toBeLessThan(width);
    const p = plan({ cell: inside.c, travelKm });
    const q = plan({ cell, travelKm: 25 });
    expect([plansOverlap(p, q, at(0)), sealed(p, at(0), q, at(0))]).toEqual([true, true]);
    const r = plan({ cell: outside.c, travelKm });
    expect([plansOverlap(r, q, at(0)), sealed(r, at(0), q, at(0))]).toEqual([false, false]);
    // And the other way round: the new plan has the smaller radius.
    expect(sealed(plan({ cell, travelKm: 25 }), at(0), plan({ cell: inside.c, travelKm }), at(0))).toBe(true);
    expect(sealed(plan({ cell, travelKm: 25 }), at(0), plan({ cell: outside.c, travelKm }), at(0))).toBe(false);
  });
});

// The property the scheme rests on: the server's equality test decides exactly as plansOverlap.
describe("sealedMatch ⇔ plansOverlap", () => {
  // Mostly one activity, so that the time and place rules decide most pairs.
  const ACTIVITIES = [...Array<string>(18).fill("surfing"), "tennis", "board games"];
  const TRAVEL = [2, 5, 10, 10, 25, 25, 25] as const;

  type Posted = { plan: MatchablePlan; posted: Date };
  type Random = ReturnType<typeof seeded>;
  /** An integer in [min, max], both included. */
  const between = (random: Random, min: number, max: number) => min + random.int(max - min + 1);
  // Posts from 21:00 UTC on (minutes after BASE, 08:00): long windows cross midnight UTC, so place
  // tokens of two dates are exercised, and the draws are otherwise the same as from 08:00.
  const EVENING = 13 * 60;
  const MIDNIGHT = BASE + 16 * 60 * MINUTE;

  function drawPlan(random: Random, where: { lat: number; lng: number }, postedAt: number): Posted {
    const start = EVENING + postedAt + between(random, -5, 150);
    const length = random.next() < 0.2 ? between(random, 15, 45) : between(random, 60, 720);
    const resolution = random.pick([5, 6, 7] as const);
    return {
      plan: {
        activity: random.pick(ACTIVITIES),
        startsAt: at(start),
        endsAt: at(start + length),
        cell: snapToCell(where.lat, where.lng, resolution),
        travelKm: random.pick(TRAVEL),
      },
      posted: at(EVENING + postedAt),
    };
  }

  it("agrees on every pair of a large seeded sample, with matches and misses both common", () => {
    const random = seeded(20261204);
    // Stored plans P are posted in the first hour, new plans Q in the next two: every P is older
    // than every Q, so each of the N×N pairs is a valid (stored, new) pair made from 2N token sets.
    const N = 80;
    const around = () => offset(LISBON, 40 * random.next() ** 3, random.next() * 2 * Math.PI);
    const stored = Array.from({ length: N }, () => drawPlan(random, around(), between(random, 0, 60)));
    const fresh = Array.from({ length: N }, (_, i) => {
      // Half of the new plans sit near the radius edge of some stored plan's area.
      if (i % 2) return drawPlan(random, around(), between(random, 61, 180));
      const [lat, lng] = cellToLatLng(random.pick(stored).plan.cell);
      const km = random.pick(TRAVEL_KM) + 6 * random.next() - 2;
      return drawPlan(random, offset({ lat, lng }, km, random.next() * 2 * Math.PI), between(random, 61, 180));
    });
    const storedTokens = stored.map(({ plan, posted }) => planTokens(tokenKey, plan, posted));
    const freshTokens = fresh.map(({ plan, posted }) => planTokens(tokenKey, plan, posted));

    let matches = 0;
    let nearEdge = 0;
    let nearFifteen = 0;
    let afterMidnight = 0;
    let acrossMidnight = 0;
    const disagreements: string[] = [];
    stored.forEach((p, i) =>
      fresh.forEach((q, j) => {
        const now = q.posted;
        const plain = plansOverlap(q.plan, p.plan, now);
        const decided = sealedMatch(storedTokens[i]!, freshTokens[j]!);
        if (plain !== decided || plansOverlap(p.plan, q.plan, now) !== plain) disagreements.push(`P${i} Q${j}: plain ${plain}, sealed ${decided}`);
        if (plain) matches++;
        const margin = centreDistanceKm(p.plan.cell, q.plan.cell) - (Math.min(p.plan.travelKm, q.plan.travelKm) + slackKm(p.plan.cell, q.plan.cell));
        if (Math.abs(margin) < 1 && p.plan.activity === q.plan.activity && windowsOverlap(p.plan, q.plan, now)) nearEdge++;
        const together =
          Math.min(p.plan.endsAt.getTime(), q.plan.endsAt.getTime()) - Math.max(p.plan.startsAt.getTime(), q.plan.startsAt.getTime(), now.getTime());
        if (Math.abs(together - 15 * MINUTE) <= 2 * MINUTE && p.plan.activity === q.plan.activity && margin <= 0) nearFifteen++;
        const from = Math.max(p.plan.startsAt.getTime(), q.plan.startsAt.getTime(), now.getTime());
        if (plain && from >= MIDNIGHT) afterMidnight++;
        if (plain && from < MIDNIGHT && from + together > MIDNIGHT) acrossMidnight++;
      }),
    );
    expect(disagreements).toEqual([]);
    const pairs = N * N;
    expect(matches / pairs).toBeGreaterThan(0.2);
    expect((pairs - matches) / pairs).toBeGreaterThan(0.2);
    // The edges are exercised: pairs the place rule decides within 1 km of radius + slack, and
    // pairs within 2 minutes of the 15 minutes together.
    expect(nearEdge).toBeGreaterThan(100);
    expect(nearFifteen).toBeGreaterThan(20);
    // And midnight UTC: matches whose time together starts after it, and matches whose time together spans it.
    expect(afterMidnight).toBeGreaterThan(500);
    expect(acrossMidnight).toBeGreaterThan(100);
  }, 120_000);

  it("never matches more than the plain rule when windows and posts fall between whole minutes", () => {
    const random = seeded(7);
    const jitter = (posted: Posted, seconds: () => number): Posted => ({
      plan: { ...posted.plan, startsAt: new Date(posted.plan.startsAt.getTime() + seconds()), endsAt: new Date(posted.plan.endsAt.getTime() + seconds()) },
      posted: new Date(posted.posted.getTime() + seconds()),
    });
    const seconds = () => between(random, 0, 59_999);
    const here = () => offset(LISBON, 10 * random.next(), random.next() * 2 * Math.PI);
    const stored = Array.from({ length: 30 }, () => jitter(drawPlan(random, here(), between(random, 0, 60)), seconds));
    const fresh = Array.from({ length: 30 }, () => jitter(drawPlan(random, here(), between(random, 61, 180)), seconds));
    const storedTokens = stored.map(({ plan, posted }) => planTokens(tokenKey, plan, posted));
    const freshTokens = fresh.map(({ plan, posted }) => planTokens(tokenKey, plan, posted));
    let both = 0;
    stored.forEach((p, i) =>
      fresh.forEach((q, j) => {
        if (!sealedMatch(storedTokens[i]!, freshTokens[j]!)) return;
        expect(plansOverlap(q.plan, p.plan, q.posted)).toBe(true);
        both++;
      }),
    );
    expect(both).toBeGreaterThan(100);
  }, 60_000);
});
