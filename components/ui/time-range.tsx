"use client";

import { useSyncExternalStore } from "react";

// Times in the reader's own time zone and locale. The server does not know the zone, so the text
// is only rendered in the browser.

const noSubscription = () => () => {};
/** False while rendering on the server (and hydrating), true in the browser. */
export const useInBrowser = () =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
const placeholder = <span className="inline-block min-w-16" />;

/**
 * "Today 10:00–12:00"; `dated`: "Fri, Nov 27 10:00–12:00", for a record read on later days (the
 * ledger), where "today" would mean the day it is read rather than the day it was written.
 */
export function TimeRange({ startsAt, endsAt, dated = false }: { startsAt: Date | string; endsAt: Date | string; dated?: boolean }) {
  if (!useInBrowser()) return placeholder;
  const start = new Date(startsAt);
  const stop = new Date(endsAt);
  const sameDay = start.toDateString() === stop.toDateString();
  const day = dated ? calendarDay : dayName;
  return (
    <time dateTime={start.toISOString()}>
      {day(start)} {clock(start)}–{sameDay ? "" : `${day(stop)} `}
      {clock(stop)}
    </time>
  );
}

/** "Today 18:30"; inside a sentence ("paused until tomorrow 01:30"), `inSentence` lower-cases the day. */
export function LocalTime({ at, inSentence = false }: { at: Date | string; inSentence?: boolean }) {
  if (!useInBrowser()) return placeholder;
  const date = new Date(at);
  const day = dayName(date);
  return <time dateTime={date.toISOString()}>{`${inSentence && RELATIVE_DAYS.includes(day) ? day.toLowerCase() : day} ${clock(date)}`}</time>;
}

const RELATIVE_DAYS = ["Today", "Tomorrow"];

/** "7:00 AM–10:00 AM" (or "07:00–10:00") for minutes from midnight: a weekly time, in the reader's clock style. */
export function ClockRange({ from, to }: { from: number; to: number }) {
  if (!useInBrowser()) return placeholder;
  // A fixed day read in UTC: the minutes stand for themselves, in no particular zone.
  const at = (minute: number) => clock(new Date(Date.UTC(2000, 0, 1, 0, minute)), "UTC");
  return (
    <span>
      {at(from)}–{at(to)}
    </span>
  );
}

// The reader's own clock: "2:21 PM" where the day has two halves, "14:21" (and "02:21") where it has one.
const twelveHour = () => new Intl.DateTimeFormat(undefined, { hour: "numeric" }).resolvedOptions().hour12 === true;

function clock(date: Date, timeZone?: string): string {
  return new Intl.DateTimeFormat(undefined, { hour: twelveHour() ? "numeric" : "2-digit", minute: "2-digit", timeZone }).format(date);
}

function dayName(date: Date): string {
  const today = new Date();
  const tomorrow = new Date(today.getTime() + 86_400_000);
  if (date.toDateString() === today.toDateString()) return "Today";
  if (date.toDateString() === tomorrow.toDateString()) return "Tomorrow";
  return calendarDay(date);
}

function calendarDay(date: Date): string {
  return new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short" }).format(date);
}
