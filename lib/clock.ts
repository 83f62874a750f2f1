import { dateFormat } from "@/lib/format";
import { canonicalZone } from "@/lib/standing-times";

// Times as words, in a reader's time zone and clock style (client-safe). The browser knows both. The
// server is told the zone's name by a cookie the browser sets (ZONE_COOKIE; read per request, never
// stored) and takes the clock style from Accept-Language, so a page arrives with its times already
// readable — before the browser has said its zone, in UTC, saying so ("… UTC").

export const ZONE_COOKIE = "tz";

/**
 * Zones of places smaller than a coarse area, told as the larger neighbour whose clock they share
 * (the same offsets and daylight saving rules): the cookie must not say more than a plan's area.
 */
const SMALL_PLACES: Record<string, string> = {
  "Europe/Monaco": "Europe/Paris",
  "Europe/Vatican": "Europe/Rome",
  "Europe/San_Marino": "Europe/Rome",
  "Europe/Malta": "Europe/Rome",
  "Europe/Gibraltar": "Europe/Madrid",
  "Europe/Andorra": "Europe/Madrid",
  "Europe/Busingen": "Europe/Zurich",
  "Europe/Vaduz": "Europe/Zurich",
  "Europe/Luxembourg": "Europe/Brussels",
  "Asia/Macau": "Asia/Hong_Kong",
  "Asia/Brunei": "Asia/Kuala_Lumpur",
  "Atlantic/Bermuda": "America/Halifax",
  "America/Anguilla": "America/Puerto_Rico",
};

/** The zone name the browser tells the server: its own, or a larger neighbour's with the same clock. */
export function toldZone(zone: string): string {
  return SMALL_PLACES[zone] ?? zone;
}

/** Whose clock: a zone and locale (undefined: the runtime's own, i.e. the browser's) and what follows each time. */
export type Clock = { timeZone?: string; locale?: string; suffix: string };

/** The browser's own zone and locale. */
export const BROWSER_CLOCK: Clock = { suffix: "" };

/** What the server knows of a request's reader: the zone from the cookie (else UTC, said), the locale from the header. */
export function requestClock(zoneCookie: string | undefined, acceptLanguage: string | null): Clock {
  const zone = zoneCookie ? canonicalZone(zoneCookie) : null;
  return { timeZone: zone ?? "UTC", locale: firstLocale(acceptLanguage), suffix: zone ? "" : " UTC" };
}

function firstLocale(header: string | null): string {
  const tag = header?.split(",")[0]?.split(";")[0]?.trim();
  if (!tag || tag === "*" || tag.length > 35) return "en-US";
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([tag])[0] ?? "en-US";
  } catch {
    return "en-US";
  }
}

// The reader's clock: "2:21 PM" where the day has two halves, "14:21" (and "02:21") where it has one.
function clockTime(date: Date, { locale, timeZone }: Clock): string {
  const twelveHour = dateFormat(locale, { hour: "numeric" }).resolvedOptions().hour12 === true;
  return dateFormat(locale, { hour: twelveHour ? "numeric" : "2-digit", minute: "2-digit", timeZone }).format(date);
}

/** "2026-12-04": the day `date` falls on in the clock's zone. */
function dayKey(date: Date, { timeZone }: Clock): string {
  return dateFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
}

function calendarDay(date: Date, { locale, timeZone }: Clock): string {
  return dateFormat(locale, { weekday: "short", day: "numeric", month: "short", timeZone }).format(date);
}

function dayName(date: Date, clock: Clock, now: Date): string {
  const day = dayKey(date, clock);
  if (day === dayKey(now, clock)) return "Today";
  if (day === dayKey(new Date(now.getTime() + 86_400_000), clock)) return "Tomorrow";
  return calendarDay(date, clock);
}

type When = { now?: Date };

/**
 * "Today 10:00–12:00"; `dated`: "Fri, Nov 27 10:00–12:00", for a record read on later days (the
 * ledger), where "today" would mean the day it is read rather than the day it was written.
 */
export function rangeText(start: Date, stop: Date, clock: Clock, { dated = false, now = new Date() }: When & { dated?: boolean } = {}): string {
  const day = (date: Date) => (dated ? calendarDay(date, clock) : dayName(date, clock, now));
  const sameDay = dayKey(start, clock) === dayKey(stop, clock);
  return `${day(start)} ${clockTime(start, clock)}–${sameDay ? "" : `${day(stop)} `}${clockTime(stop, clock)}${clock.suffix}`;
}

/** "Today 18:30"; inside a sentence ("paused until tomorrow 01:30"), `inSentence` lower-cases the day. */
export function timeText(at: Date, clock: Clock, { inSentence = false, now = new Date() }: When & { inSentence?: boolean } = {}): string {
  const day = dayName(at, clock, now);
  return `${inSentence && (day === "Today" || day === "Tomorrow") ? day.toLowerCase() : day} ${clockTime(at, clock)}${clock.suffix}`;
}

/** "7:00 AM–10:00 AM" (or "07:00–10:00") for minutes from midnight: a weekly time, in the reader's clock style. */
export function clockRangeText(from: number, to: number, { locale }: Clock): string {
  // A fixed day read in UTC: the minutes stand for themselves, in no particular zone.
  const at = (minute: number) => clockTime(new Date(Date.UTC(2000, 0, 1, 0, minute)), { locale, timeZone: "UTC", suffix: "" });
  return `${at(from)}–${at(to)}`;
}
