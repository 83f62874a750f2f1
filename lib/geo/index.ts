// Coarse areas as H3 cells. Pure and client-safe: the browser snaps its own position here, so exact
// coordinates never leave the device; the server only ever sees, checks and compares cell ids.
import { cellToLatLng, cellToParent, getHexagonEdgeLengthAvg, getResolution, greatCircleDistance, isValidCell, latLngToCell } from "h3-js";

import { COARSEST_RESOLUTION, FINEST_RESOLUTION, precisionOf, type Resolution } from "./precision";

export * from "./precision";

/**
 * Snaps a position to the cell that contains it. Always snap the position itself at the wanted
 * precision: an H3 cell's parent does not always contain all of its points.
 */
export function snapToCell(lat: number, lng: number, resolution: Resolution): string {
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
    throw new RangeError("not a position on Earth");
  }
  return latLngToCell(lat, lng, resolution);
}

/** The cell's resolution if it is a valid cell we accept (res 5–7), else null. */
export function acceptedResolution(cell: string): Resolution | null {
  if (typeof cell !== "string" || !/^[0-9a-f]{15}$/.test(cell) || !isValidCell(cell)) return null;
  const resolution = getResolution(cell);
  return resolution >= COARSEST_RESOLUTION && resolution <= FINEST_RESOLUTION ? (resolution as Resolution) : null;
}

/**
 * The cell at `resolution` containing `cell`, or `cell` itself when it is already that coarse. For a
 * cell sent at a finer precision than its owner chose (a page opened before the setting changed):
 * the server never keeps more than the owner allowed.
 */
/** A stored area as its owner is shown it: its size in words, never the cell id. */
export function areaWords(cell: string): string {
  const resolution = acceptedResolution(cell);
  return resolution ? `an area of ${precisionOf(resolution).area}` : "a coarse area";
}

export function coarsenTo(cell: string, resolution: Resolution): string {
  return getResolution(cell) > resolution ? cellToParent(cell, resolution) : cell;
}

/** Great-circle distance between two cells' centres, in km. */
export function centreDistanceKm(a: string, b: string): number {
  return greatCircleDistance(cellToLatLng(a), cellToLatLng(b), "km");
}

/**
 * How far off a centre-to-centre distance can be from the real one: a point lies within about one
 * edge length of its cell's centre, so both cells' edges are added. This is the slack that keeps two
 * people a few hundred metres apart from missing each other because they sit in different cells.
 */
export function slackKm(a: string, b: string): number {
  return getHexagonEdgeLengthAvg(getResolution(a), "km") + getHexagonEdgeLengthAvg(getResolution(b), "km");
}

/** True when the two areas are within `radiusKm` of each other, allowing for both cells' size. */
export function areasWithin(a: string, b: string, radiusKm: number): boolean {
  return centreDistanceKm(a, b) <= radiusKm + slackKm(a, b);
}
