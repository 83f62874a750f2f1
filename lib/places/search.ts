// Searching the list of places (format.js), in the browser: what someone types is matched here and
// never sent anywhere. Pure and client-safe.
import type { Place } from "./format";

export type { Place };

/** The places, most populous first, each with its name as the search compares it. */
export type PlaceIndex = { places: Place[]; keys: string[] };

/** How many places a search offers at most. */
export const PLACE_RESULTS = 8;

// Letters that carry no accent mark to strip but that people type without (Straße → strasse, Łódź → lodz).
const FOLDED: Record<string, string> = { ß: "ss", æ: "ae", œ: "oe", ø: "o", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i", ħ: "h" };

/**
 * A name as the search compares it: lower case, accents and punctuation gone, words separated by one
 * space ("Zürich (Kreis 7) / Witikon" → "zurich kreis 7 witikon").
 */
export function normalizeName(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[ßæœøłđðþıħ]/g, (letter) => FOLDED[letter] ?? letter)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** `places` must be most populous first, as parsePlaces gives them. */
export function indexPlaces(places: Place[]): PlaceIndex {
  return { places, keys: places.map((place) => normalizeName(place.name)) };
}

/**
 * The places whose name starts with `query`, then those with a later word that does ("witikon" finds
 * "Zürich (Kreis 7) / Witikon"), each group most populous first; case and accents do not matter.
 */
export function searchPlaces(index: PlaceIndex, query: string, limit = PLACE_RESULTS): Place[] {
  const wanted = normalizeName(query);
  if (wanted === "") return [];
  const starts: Place[] = [];
  const words: Place[] = [];
  const laterWord = ` ${wanted}`;
  for (let i = 0; i < index.keys.length && starts.length < limit; i++) {
    const key = index.keys[i]!;
    if (key.startsWith(wanted)) starts.push(index.places[i]!);
    else if (words.length < limit && key.includes(laterWord)) words.push(index.places[i]!);
  }
  return [...starts, ...words].slice(0, limit);
}

let countryNames: Intl.DisplayNames | undefined;

/** "Carcavelos, Portugal"; "Springfield, IL, United States". */
export function placeLabel(place: Place): string {
  countryNames ??= new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });
  let country = place.country;
  try {
    country = countryNames.of(place.country) ?? place.country;
  } catch {
    // Not a code Intl knows: the code itself.
  }
  return [place.name, place.region, country].filter(Boolean).join(", ");
}

/** "about 20,000 people" (the list keeps two significant digits), or null where GeoNames has no count. */
export function populationWords(place: Place): string | null {
  return place.population > 0 ? `about ${place.population.toLocaleString("en")} people` : null;
}
