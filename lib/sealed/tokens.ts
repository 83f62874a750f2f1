// Sealed matching, tokens: what a plan becomes before it leaves the browser, so that the server can
// decide "these two plans match" by byte equality alone, never reading the activity, the window or
// the area. Reproduces `plansOverlap` (lib/matching.ts) exactly for windows on whole minutes.
// Client-safe: HMAC-SHA256 from @noble/hashes, cells from h3-js, no node:* imports.
import { gridDisk, latLngToCell, cellToLatLng, getHexagonEdgeLengthAvg, getResolution } from "h3-js";
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

import { tidyActivity } from "@/lib/activities";
import { acceptedResolution, areasWithin, COARSEST_RESOLUTION, FINEST_RESOLUTION } from "@/lib/geo";
import { MIN_OVERLAP_MS, type MatchablePlan } from "@/lib/matching";
import { TRAVEL_KM } from "@/lib/validation/plan-limits";

/** HMAC-SHA256 truncated to 128 bits: collisions between two honest tokens are out of reach (2^-64 per pair of sets of 2^32). */
export const TOKEN_BYTES = 16;
/** Joins the fields of a token's input: no field can contain it (see `tokenInput`), so "a|b" never collides. */
export const FIELD_SEPARATOR = "\u001f";
const MINUTE_MS = 60_000;

export type PlanTokens = { centre: Uint8Array[]; ring: Uint8Array[]; minutes: Uint8Array[] };

/** The radius classes a plan belongs to: every class of TRAVEL_KM up to its own travel distance. */
function radiusClasses(travelKm: number): number[] {
  if (!(TRAVEL_KM as readonly number[]).includes(travelKm)) throw new RangeError(`travelKm must be one of ${TRAVEL_KM.join(", ")}`);
  return TRAVEL_KM.filter((r) => r <= travelKm);
}

function edgeKm(resolution: number): number {
  return getHexagonEdgeLengthAvg(resolution, "km");
}

/**
 * Rings of grid steps to walk around the res-`resolution` cell holding `cell`'s centre so that no
 * cell within `radiusKm` (plus both cells' slack) is left out. A cell k steps away lies at least
 * ~1.5·k local edges from the origin's centre, and H3's local edges are never under 2/3 of the
 * average, so k average edges is a lower bound; the origin's centre can be one edge off ours, and
 * one more ring is margin. The test compares it with a brute-force disk twice as large.
 */
function diskSteps(cell: string, resolution: number, radiusKm: number): number {
  const reach = radiusKm + edgeKm(getResolution(cell)) + edgeKm(resolution);
  return Math.ceil((reach + edgeKm(resolution)) / edgeKm(resolution)) + 1;
}

/**
 * Every res 5–7 cell `c` with `areasWithin(cell, c, r)`, for each radius class `r` given: the place
 * rule of lib/geo itself is the filter (same function, same argument order as the matcher's
 * `plansOverlap(new, stored)`), so its float comparisons are the plain rule's. Classes are walked
 * from the largest down, each filtering the one before: a smaller radius qualifies a subset.
 */
function ringsByClass(cell: string, classes: readonly number[]): Map<number, string[]> {
  if (acceptedResolution(cell) === null) throw new RangeError("not an accepted cell (H3 resolution 5–7)");
  const descending = [...classes].sort((a, b) => b - a);
  const rings = new Map<number, string[]>(descending.map((r) => [r, []]));
  if (!descending.length) return rings;
  const [lat, lng] = cellToLatLng(cell);
  for (let resolution = COARSEST_RESOLUTION; resolution <= FINEST_RESOLUTION; resolution++) {
    const origin = latLngToCell(lat, lng, resolution);
    let candidates = gridDisk(origin, diskSteps(cell, resolution, descending[0]!));
    for (const r of descending) {
      candidates = candidates.filter((c) => areasWithin(cell, c, r));
      rings.get(r)!.push(...candidates);
    }
  }
  return rings;
}

/** The res 5–7 cells whose areas are within `radiusKm` of `cell`'s by the plain rule (`areasWithin`). */
export function ringCells(cell: string, radiusKm: number): string[] {
  return ringsByClass(cell, [radiusKm]).get(radiusKm)!;
}

/** "2026-12-04T17:05Z": a whole minute, UTC. */
export function isoMinute(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16) + "Z";
}

/**
 * Whole minutes (epoch ms) at which a 15-minute stretch inside the window can start, counting from
 * `now`: ceil(max(start, now)) … floor(end) − 15 min. Sealed windows are rounded *inward* to whole
 * minutes, so the sealed rule never matches more than the plain one, and matches the same on whole minutes.
 */
export function startMinutes(startsAt: Date, endsAt: Date, now: Date): number[] {
  const first = Math.ceil(Math.max(startsAt.getTime(), now.getTime()) / MINUTE_MS) * MINUTE_MS;
  const last = Math.floor(endsAt.getTime() / MINUTE_MS) * MINUTE_MS - MIN_OVERLAP_MS;
  const minutes: number[] = [];
  for (let m = first; m <= last; m += MINUTE_MS) minutes.push(m);
  return minutes;
}

function tokenInput(label: "centre" | "minute", activity: string, ...fields: string[]): Uint8Array {
  return utf8ToBytes([label, activity, ...fields].join(FIELD_SEPARATOR));
}

function byBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/**
 * A plan's tokens for one friend (the pair's `tokenKey`), made at `now` (its post time):
 * - centre: HMAC("centre" ␟ activity ␟ r ␟ own cell) for each radius class r ≤ travelKm — stored;
 * - ring: the same label for every cell of each class's ring (`ringCells`) — sent only to be matched
 *   against, never stored: a ring token equals a stored centre token exactly when that plan's
 *   cell is within reach for the smaller of the two radii;
 * - minutes: HMAC("minute" ␟ activity ␟ ISO minute) for each minute a 15-minute stretch can start —
 *   stored, and sent with the ring.
 * Each list is sorted by bytes, so its order says nothing about class, cell or time.
 *
 * `plan.activity` must already be tidied as the server stores it (`tidyActivity`, which the plan
 * schema applies): tokens compare it byte for byte, as `plansOverlap` does. An untidy one throws.
 */
export function planTokens(tokenKey: Uint8Array, plan: MatchablePlan, now: Date): PlanTokens {
  if (tokenKey.length !== 32) throw new RangeError("the token key is 32 bytes");
  const { activity, cell } = plan;
  if (!activity || activity !== tidyActivity(activity) || activity.includes(FIELD_SEPARATOR)) {
    throw new RangeError("activity must be tidied (tidyActivity) before sealing");
  }
  const keyed = hmac.create(sha256, tokenKey);
  const token = (input: Uint8Array) => keyed.clone().update(input).digest().subarray(0, TOKEN_BYTES);

  const classes = radiusClasses(plan.travelKm);
  const rings = ringsByClass(cell, classes);
  const centre = classes.map((r) => token(tokenInput("centre", activity, String(r), cell)));
  const ring = classes.flatMap((r) => rings.get(r)!.map((c) => token(tokenInput("centre", activity, String(r), c))));
  const minutes = startMinutes(plan.startsAt, plan.endsAt, now).map((m) => token(tokenInput("minute", activity, isoMinute(m))));
  keyed.destroy();
  return { centre: centre.sort(byBytes), ring: ring.sort(byBytes), minutes: minutes.sort(byBytes) };
}

function anyShared(a: readonly Uint8Array[], b: readonly Uint8Array[]): boolean {
  const seen = new Set(a.map(bytesToHex));
  return b.some((token) => seen.has(bytesToHex(token)));
}

/**
 * The server's whole decision for a new plan against a stored one (same pair key): some stored
 * centre token is in the new plan's ring, and the two share a minute token. Equality only.
 */
export function sealedMatch(stored: { centre: Uint8Array[]; minutes: Uint8Array[] }, fresh: { ring: Uint8Array[]; minutes: Uint8Array[] }): boolean {
  return anyShared(stored.centre, fresh.ring) && anyShared(stored.minutes, fresh.minutes);
}
