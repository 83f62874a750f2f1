import { latLngToCell } from "h3-js";
import { describe, expect, it } from "vitest";
import { acceptedResolution, areasWithin, centreDistanceKm, coarsenTo, slackKm, snapToCell } from "@/lib/geo";

const carcavelos = { lat: 38.6786, lng: -9.3357 };
const cascais = { lat: 38.6979, lng: -9.4215 }; // ~8 km west
const porto = { lat: 41.1496, lng: -8.611 }; // ~275 km north

describe("snapToCell", () => {
  it("gives a cell of the asked precision", () => {
    for (const res of [5, 6, 7] as const) expect(acceptedResolution(snapToCell(carcavelos.lat, carcavelos.lng, res))).toBe(res);
  });

  it("puts two points a few metres apart in the same cell", () => {
    expect(snapToCell(carcavelos.lat, carcavelos.lng, 7)).toBe(snapToCell(carcavelos.lat + 0.0002, carcavelos.lng + 0.0002, 7));
  });

  it.each([
    [NaN, 0],
    [91, 0],
    [0, 181],
    [Infinity, 0],
  ])("refuses a position that is not on Earth (%s, %s)", (lat, lng) => {
    expect(() => snapToCell(lat, lng, 7)).toThrow(RangeError);
  });
});

describe("acceptedResolution", () => {
  it("accepts resolutions 5 to 7 only: nothing finer than a neighbourhood, nothing vaguer than a region", () => {
    for (const res of [5, 6, 7]) expect(acceptedResolution(latLngToCell(porto.lat, porto.lng, res))).toBe(res);
    for (const res of [4, 8, 9, 15]) expect(acceptedResolution(latLngToCell(porto.lat, porto.lng, res))).toBeNull();
  });

  it.each(["", "not-a-cell", "8f2830828052d25", "871fb4662ffffff ", "871FB4662FFFFFF", "38.7,-9.1"])("refuses %j", (value) => {
    expect(acceptedResolution(value)).toBeNull();
  });
});

describe("distances between areas", () => {
  const a = snapToCell(carcavelos.lat, carcavelos.lng, 7);
  const b = snapToCell(cascais.lat, cascais.lng, 7);
  const far = snapToCell(porto.lat, porto.lng, 7);

  it("measures centre to centre", () => {
    expect(centreDistanceKm(a, b)).toBeGreaterThan(6);
    expect(centreDistanceKm(a, b)).toBeLessThan(10);
    expect(centreDistanceKm(a, far)).toBeGreaterThan(250);
  });

  it("allows for the size of both cells, more for coarser ones", () => {
    const coarse = snapToCell(cascais.lat, cascais.lng, 5);
    expect(slackKm(a, b)).toBeCloseTo(2 * 1.406, 1);
    expect(slackKm(a, coarse)).toBeGreaterThan(slackKm(a, b) + 7);
  });

  it("answers 'within' across resolutions with the slack, and never for far-away areas", () => {
    expect(areasWithin(a, b, 10)).toBe(true);
    expect(areasWithin(a, b, 2)).toBe(false); // ~8 km apart: too far for 2 km even with ~2.8 km slack
    expect(areasWithin(a, a, 0)).toBe(true);
    const coarseB = snapToCell(cascais.lat, cascais.lng, 5);
    expect(areasWithin(a, coarseB, 5)).toBe(true); // a region-sized area near by counts
    expect(areasWithin(a, far, 25)).toBe(false);
    expect(areasWithin(snapToCell(porto.lat, porto.lng, 5), a, 25)).toBe(false);
  });
});

describe("coarsenTo", () => {
  it("gives the containing cell at a coarser precision and never refines", () => {
    const fine = snapToCell(38.6786, -9.3357, 7);
    const town = coarsenTo(fine, 6);
    expect(acceptedResolution(town)).toBe(6);
    expect(coarsenTo(town, 7)).toBe(town);
    expect(coarsenTo(fine, 7)).toBe(fine);
    expect(acceptedResolution(coarsenTo(fine, 5))).toBe(5);
  });
});
