// Sealed matching, tokens: what a plan becomes before it leaves the browser, so that the server can
// decide "these two plans match" by byte equality alone, never reading the activity, the window or
// the area. Reproduces `plansOverlap` (lib/matching.ts) exactly for windows on whole minutes.
// Client-safe: HMAC-SHA256 from @noble/hashes, cells from h3-js, no node:* imports.
import { gridDisk, latLngToCell, cellToLatLng, getHexagonEdgeLengthAvg, getResolution } from "h3-js";
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

import { tidyActivity } from "@/lib/activities";
import { acceptedResolution, centreDistanceKm, COARSEST_RESOLUTION, FINEST_RESOLUTION, slackKm } from "@/lib/geo";
import { MIN_OVERLAP_MS, type MatchablePlan } from "@/lib/matching";
import { MAX_DURATION_HOURS, TRAVEL_KM } from "@/lib/validation/plan-limits";

/** HMAC-SHA256 truncated to 128 bits: two token sets of n and m tokens share one by chance with probability ~n·m/2^128. */
export const TOKEN_BYTES = 16;
/**
 * Joins the fields of a token's input (unit separator). Radius digits, cell ids, ISO dates and
 * minutes never contain it and `planTokens` refuses an activity that does, so two inputs never read
 * alike.
 */
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
 * cell within `radiusKm` (plus both cells' slack) is left out. A cell k steps away lies about
 * 1.5·k local edges from the origin's centre; one step per average edge of reach leaves a third in
 * hand for H3's uneven cell sizes (smallest near the pentagons); the origin's centre can be one edge
 * off ours, and one more ring is margin. The ring test compares with a disk twice as wide, pentagons
 * included (and fails when the walk is 4 rings short).
 */
function diskSteps(cell: string, resolution: number, radiusKm: number): number {
  const reach = radiusKm + edgeKm(getResolution(cell)) + edgeKm(resolution);
  return Math.ceil((reach + edgeKm(resolution)) / edgeKm(resolution)) + 1;
}

/**
 * Every res 5–7 cell `c` with `centreDistanceKm(cell, c) <= r + slackKm(cell, c)`, for each radius
 * class `r` given: lib/geo's own functions, in the argument order of the matcher's
 * `plansOverlap(new, stored)` and the very expression of `areasWithin`, so the float comparisons are
 * the plain rule's bit for bit (the ring test checks it against `areasWithin` itself). Distance and
 * slack are worked out once per candidate and compared with each class.
 */
function computeRings(cell: string, classes: readonly number[]): Map<number, string[]> {
  if (acceptedResolution(cell) === null) throw new RangeError("not an accepted cell (H3 resolution 5–7)");
  const rings = new Map<number, string[]>(classes.map((r) => [r, []]));
  if (!classes.length) return rings;
  const widest = Math.max(...classes);
  const [lat, lng] = cellToLatLng(cell);
  for (let resolution = COARSEST_RESOLUTION; resolution <= FINEST_RESOLUTION; resolution++) {
    for (const c of gridDisk(latLngToCell(lat, lng, resolution), diskSteps(cell, resolution, widest))) {
      const distance = centreDistanceKm(cell, c);
      const slack = slackKm(cell, c);
      for (const r of classes) if (distance <= r + slack) rings.get(r)!.push(c);
    }
  }
  return rings;
}

// A plan's rings are the same for every friend (only the HMAC key differs), so the last few are
// kept: sealing one plan for fifty friends walks the grid once. Only the browser's own cells are
// held, in its own memory.
const RING_CACHE_SIZE = 8;
const ringCache = new Map<string, Map<number, string[]>>();

function ringsByClass(cell: string, classes: readonly number[]): Map<number, string[]> {
  const key = `${cell}|${classes.join(",")}`;
  let rings = ringCache.get(key);
  if (rings) {
    ringCache.delete(key);
  } else {
    rings = computeRings(cell, classes);
    if (ringCache.size >= RING_CACHE_SIZE) ringCache.delete(ringCache.keys().next().value!);
  }
  ringCache.set(key, rings);
  return rings;
}

/** The res 5–7 cells whose areas are within `radiusKm` of `cell`'s by the plain rule (`areasWithin`); not cached. */
export function ringCells(cell: string, radiusKm: number): string[] {
  return computeRings(cell, [radiusKm]).get(radiusKm)!;
}

/** "2026-12-04T17:05Z": a whole minute, UTC. */
export function isoMinute(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16) + "Z";
}

/** "2026-12-04": the UTC date of a minute, the `day` field of place tokens. */
function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Whole minutes (epoch ms) at which a 15-minute stretch inside the window can start, counting from
 * `now`: ceil(max(start, now)) … floor(end) − 15 min. Sealed windows are rounded *inward* to whole
 * minutes, so the sealed rule never matches more than the plain one, and matches the same on whole
 * minutes. Plans posted "now" start at the posting instant, seconds and all: for the two rules to
 * agree on them too, windows and the matcher's `now` must be snapped to whole minutes when posted.
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
 * - centre: HMAC("centre" ␟ activity ␟ day ␟ r ␟ own cell) for each radius class r ≤ travelKm and
 *   each UTC date `day` ("YYYY-MM-DD") among the plan's start minutes — stored;
 * - ring: the same label for every cell of each class's ring (`ringCells`), for the same dates —
 *   sent only to be matched against, never stored: a ring token equals a stored centre token
 *   exactly when that plan's cell is within reach for the smaller of the two radii, on that date;
 * - minutes: HMAC("minute" ␟ activity ␟ ISO minute) for each minute a 15-minute stretch can start —
 *   stored, and sent with the ring.
 * The date keeps place tokens from naming a place forever: the same activity from the same cell
 * gives unrelated tokens on another day, and two posts' rings overlap only within a date. Matching
 * stays exact: plans that share a minute token share its date, and the place rule does not depend on
 * the date, so P's centre token for that date is in Q's ring for it exactly when the plain rule
 * holds. A window across midnight UTC has two dates; a plan with no start minutes left has none,
 * and so no place tokens. Each list is sorted by bytes, so its order says nothing about class, cell,
 * date or time.
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
  if (!(plan.endsAt.getTime() - plan.startsAt.getTime() <= MAX_DURATION_HOURS * 3_600_000)) {
    throw new RangeError(`a plan lasts at most ${MAX_DURATION_HOURS} hours`);
  }
  const keyed = hmac.create(sha256, tokenKey);
  // slice, not subarray: a view would keep the other 16 bytes of the HMAC in its `.buffer`.
  const token = (input: Uint8Array) => keyed.clone().update(input).digest().slice(0, TOKEN_BYTES);

  const classes = radiusClasses(plan.travelKm);
  // The ring is walked once per plan (and cached across friends); only the HMACs repeat per date.
  const rings = ringsByClass(cell, classes);
  const starts = startMinutes(plan.startsAt, plan.endsAt, now);
  const days = [...new Set(starts.map(isoDay))];
  const centre = days.flatMap((day) => classes.map((r) => token(tokenInput("centre", activity, day, String(r), cell))));
  const ring = days.flatMap((day) => classes.flatMap((r) => rings.get(r)!.map((c) => token(tokenInput("centre", activity, day, String(r), c)))));
  const minutes = starts.map((m) => token(tokenInput("minute", activity, isoMinute(m))));
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
