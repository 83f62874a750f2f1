"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * A time window in the reader's own time zone and locale ("Today 10:00–12:00"). The server does not
 * know the zone, so the text is only rendered in the browser.
 */
export function TimeRange({ startsAt, endsAt }: { startsAt: Date | string; endsAt: Date | string }) {
  const inBrowser = useSyncExternalStore(noSubscription, () => true, () => false);
  if (!inBrowser) return <span className="inline-block min-w-24" />;
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const time = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
  const sameDay = start.toDateString() === end.toDateString();
  return (
    <time dateTime={start.toISOString()}>
      {dayName(start)} {time.format(start)}–{sameDay ? "" : `${dayName(end)} `}
      {time.format(end)}
    </time>
  );
}

function dayName(date: Date): string {
  const today = new Date();
  const tomorrow = new Date(today.getTime() + 86_400_000);
  if (date.toDateString() === today.toDateString()) return "Today";
  if (date.toDateString() === tomorrow.toDateString()) return "Tomorrow";
  return new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short" }).format(date);
}
