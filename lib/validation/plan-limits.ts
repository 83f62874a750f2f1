// The limits and choices of a plan's fields, apart from their schemas (./plans.ts): forms in the
// browser show them without loading the schemas' dependencies (the H3 library among them).

export const PRESET_ACTIVITIES = ["surfing", "tennis", "climbing", "running", "cycling", "hiking", "swimming", "yoga", "coffee", "board games"] as const;
export const ACTIVITY_MAX = 32;
export const NOTE_MAX = 140;
export const TRAVEL_KM = [2, 5, 10, 25] as const;
export const DEFAULT_TRAVEL_KM = 10;
export const NOW_DURATION_MINUTES = 120;
export const MAX_DURATION_HOURS = 12;
export const MIN_DURATION_MINUTES = 15;
export const MAX_DAYS_AHEAD = 7;
/** "At least N" and "at most N" people, the owner counted (a match is always two: "at least 2" says nothing). */
export const GROUP_MIN = [3, 4, 5, 6, 8, 10] as const;
export const GROUP_MAX = [2, 3, 4, 5, 6, 8, 10] as const;
/** How far in the past a start may be, for clocks that are a little off. */
export const START_GRACE_MINUTES = 5;
/** The most close friends one ask goes to. */
export const ASK_MAX_PEOPLE = 10;
