// The precisions an area can have, without the H3 library: pages that only name a precision load
// none of it (it is loaded once a position is snapped, or a cell checked). Client-safe.

export type Resolution = 5 | 6 | 7;

/** The precisions a user can choose, finest first. Areas are H3's averages for each resolution. */
export const PRECISIONS: ReadonlyArray<{ resolution: Resolution; name: string; area: string }> = [
  { resolution: 7, name: "Neighbourhood", area: "about 5 km²" },
  { resolution: 6, name: "Town", area: "about 36 km²" },
  { resolution: 5, name: "Region", area: "about 250 km²" },
];
/** Nothing finer than this is ever accepted: a res-8 cell is under 1 km², close to a street address. */
export const FINEST_RESOLUTION: Resolution = 7;
export const COARSEST_RESOLUTION: Resolution = 5;

export function precisionOf(resolution: Resolution) {
  return PRECISIONS.find((p) => p.resolution === resolution)!;
}
