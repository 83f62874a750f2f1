import { TZDate } from "@date-fns/tz";
import { dateFormat } from "@/lib/format";

// When a standing plan's weeks fall: pure and client-safe (the server makes each week's plan from it;
// the plans page says when the next one is). Days are "YYYY-MM-DD" in the plan's own time zone, so
// "Saturday 7–10 AM" stays 7–10 AM there across daylight saving time.

/** A weekly window: days 0 = Sunday … 6 = Saturday, minutes from midnight, in `timeZone`; `lastOn` its last day, if any. */
export type Weekly = { days: readonly number[]; startMinute: number; endMinute: number; timeZone: string; lastOn: string | null };

/** One week's occurrence: its day (in the plan's zone) and its window. */
export type Occurrence = { on: string; startsAt: Date; endsAt: Date };

export const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
/** Monday first, as a week is shown. */
export const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;

const pad = (n: number) => String(n).padStart(2, "0");

/** The canonical name of a time zone this runtime knows ("asia/calcutta" → "Asia/Kolkata"), or null. */
export function canonicalZone(zone: string): string | null {
  return isTimeZone(zone) ? dateFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone : null;
}

/** Whether `zone` is a time zone this runtime knows (IANA names, e.g. "Europe/Lisbon"). */
export function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    dateFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The day `instant` falls on in `timeZone`, as "YYYY-MM-DD". */
export function dayIn(instant: Date, timeZone: string): string {
  const local = new TZDate(instant.getTime(), timeZone);
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

const parts = (day: string) => day.split("-").map(Number) as [number, number, number];

/** The day after `day`. */
export function nextDay(day: string): string {
  const [y, m, d] = parts(day);
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: string): number {
  const [y, m, d] = parts(day);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The instant `minute` minutes into `day` in `timeZone` (a time skipped by a clock change moves forward). */
export function at(day: string, minute: number, timeZone: string): Date {
  const [y, m, d] = parts(day);
  return new Date(new TZDate(y, m - 1, d, Math.floor(minute / 60), minute % 60, timeZone).getTime());
}

/**
 * The occurrence on `day` (whether or not `day` is one of its days). On the day the clocks go
 * forward, a start in the skipped hour moves forward with it; an end that would then come less than
 * the shortest window after it keeps the window's length instead ("2–3 AM" becomes 3–4 AM that day).
 */
export function occurrenceOn(weekly: Weekly, day: string): Occurrence {
  const startsAt = at(day, weekly.startMinute, weekly.timeZone);
  const localEnd = at(day, weekly.endMinute, weekly.timeZone);
  const length = (weekly.endMinute - weekly.startMinute) * 60_000;
  const endsAt = localEnd.getTime() - startsAt.getTime() >= SHORTEST_MS ? localEnd : new Date(startsAt.getTime() + length);
  return { on: day, startsAt, endsAt };
}

/** The shortest window a standing plan may have (as a plan's: lib/validation/plans.ts). */
const SHORTEST_MS = 15 * 60_000;

/**
 * The first occurrence on or after `from` (and not before today in the plan's zone) whose window has
 * not ended at `now`; null when none is left (past its last day).
 */
export function nextOccurrence(weekly: Weekly, from: string, now: Date): Occurrence | null {
  const today = dayIn(now, weekly.timeZone);
  let day = from > today ? from : today;
  // Eight days: today's window may be over already, and then the same weekday comes round again.
  for (let i = 0; i < 8; i++, day = nextDay(day)) {
    if (weekly.lastOn !== null && day > weekly.lastOn) return null;
    if (!weekly.days.includes(weekdayOf(day))) continue;
    const occurrence = occurrenceOn(weekly, day);
    if (occurrence.endsAt > now) return occurrence;
  }
  return null;
}

/** "morning", "afternoon", "evening" or "night", for a start `minute` minutes into the day. */
export function partOfDay(minute: number): string {
  if (minute < 5 * 60) return "night";
  if (minute < 12 * 60) return "morning";
  if (minute < 17 * 60) return "afternoon";
  if (minute < 22 * 60) return "evening";
  return "night";
}

/** What a friend an occurrence matches with is told about the habit: "on Saturday mornings". */
export function usuallyWords(day: string, startMinute: number): string {
  return `on ${DAY_NAMES[weekdayOf(day)]} ${partOfDay(startMinute)}s`;
}

/** Minutes from midnight of "HH:MM" (24 h), or null. "24:00" is the end of the day. */
export function minuteOf(clock: string): number | null {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(clock);
  if (!match) return null;
  const minute = Number(match[1]) * 60 + Number(match[2]);
  return minute <= 24 * 60 ? minute : null;
}

/** "Sat and Sun", "Mon, Wed and Fri", "Every day": a standing plan's days, Monday first. */
export function daysWords(days: readonly number[]): string {
  if (days.length === 7) return "Every day";
  const names = WEEK_ORDER.filter((day) => days.includes(day)).map((day) => DAY_NAMES[day].slice(0, 3));
  if (names.length === 5 && !days.includes(0) && !days.includes(6)) return "Weekdays";
  if (names.length === 2 && days.includes(0) && days.includes(6)) return "Sat and Sun";
  return names.length === 1 ? `${DAY_NAMES[days[0]!]}s` : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
