import { cellToLatLng, getHexagonEdgeLengthAvg, getPentagons, getResolution, gridDisk, latLngToCell } from "h3-js";
import { describe, expect, it } from "vitest";
import { areasWithin, snapToCell } from "@/lib/geo";
import { ringCells } from "@/lib/sealed";
import { TRAVEL_KM } from "@/lib/validation/plan-limits";

const RESOLUTIONS = [5, 6, 7] as const;
// Lisbon, Tromsø (high latitude: H3 cells are smaller there), Suva beside the antimeridian, Quito on the equator.
const PLACES = [
  { name: "Lisbon", lat: 38.7223, lng: -9.1393 },
  { name: "Tromsø", lat: 69.6492, lng: 18.9553 },
  { name: "Suva", lat: -18.1248, lng: 179.98 },
  { name: "Quito", lat: -0.1807, lng: -78.4678 },
];

/**
 * Every cell the place rule accepts, from a disk twice as wide as ringCells walks: enough rings to
 * reach twice the farthest acceptable centre at the *average* edge length, plus a margin.
 */
function bruteForceRing(cell: string, radiusKm: number): string[] {
  const [lat, lng] = cellToLatLng(cell);
  const reach = radiusKm + getHexagonEdgeLengthAvg(getResolution(cell), "km");
  return RESOLUTIONS.flatMap((resolution) => {
    const edge = getHexagonEdgeLengthAvg(resolution, "km");
    const k = 2 * Math.ceil((reach + 2 * edge) / edge) + 2;
    return gridDisk(latLngToCell(lat, lng, resolution), k).filter((c) => areasWithin(cell, c, radiusKm));
  });
}

const cells = [
  ...PLACES.flatMap((place) =>
    RESOLUTIONS.map((resolution) => ({ name: `${place.name} res ${resolution}`, cell: snapToCell(place.lat, place.lng, resolution) })),
  ),
  // A pentagon and a cell next to one: the grid is irregular there.
  ...RESOLUTIONS.map((resolution) => ({ name: `pentagon res ${resolution}`, cell: getPentagons(resolution)[3]! })),
  ...RESOLUTIONS.map((resolution) => ({ name: `beside a pentagon res ${resolution}`, cell: gridDisk(getPentagons(resolution)[7]!, 2).at(-1)! })),
];

describe("ringCells", () => {
  it.each(cells)("holds every cell the place rule accepts around $name, for each travel distance", ({ cell }) => {
    for (const radiusKm of TRAVEL_KM) {
      const ring = ringCells(cell, radiusKm);
      expect(new Set(ring).size).toBe(ring.length);
      expect([...ring].sort()).toEqual(bruteForceRing(cell, radiusKm).sort());
      expect(ring).toContain(cell);
    }
  });

  it("holds cells of all three resolutions, more the larger the radius", () => {
    const cell = snapToCell(38.7223, -9.1393, 6);
    const sizes = TRAVEL_KM.map((radiusKm) => ringCells(cell, radiusKm).length);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    const resolutions = new Set(ringCells(cell, 2).map((c) => c[1]));
    expect(resolutions).toEqual(new Set(["5", "6", "7"]));
  });
});
