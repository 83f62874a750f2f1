"use client";

import { createContext, use, useEffect, useSyncExternalStore, type ReactNode } from "react";
import { BROWSER_CLOCK, clockRangeText, rangeText, timeText, toldZone, ZONE_COOKIE, type Clock } from "@/lib/clock";

// Times in the reader's own time zone and clock (see lib/clock.ts). The server renders them with the
// clock it was told of (ClockProvider), so no page shows a plan without its time — not while it
// hydrates, not without JavaScript. Once hydrated, the text is made again from the browser's own
// settings; the two differ only when the cookie is missing or stale (then the server said "UTC").

const ServedClock = createContext<Clock>({ timeZone: "UTC", suffix: " UTC" });

const noSubscription = () => () => {};

/** False while rendering on the server (and hydrating), true in the browser. */
export const useInBrowser = () =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

/** The served clock while the server renders and the browser hydrates; the browser's own after. */
function useClock(): Clock {
  const served = use(ServedClock);
  const inBrowser = useInBrowser();
  return inBrowser ? BROWSER_CLOCK : served;
}

/** Gives the pages below the clock the server used, and tells the server the browser's zone for next time. */
export function ClockProvider({ clock, children }: { clock: Clock; children: ReactNode }) {
  useEffect(() => {
    const zone = toldZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
    // IANA names are cookie-safe as they are ("America/New_York"); anything else is not sent.
    if (!zone || !/^[\w/+-]{1,64}$/.test(zone) || (zone === clock.timeZone && !clock.suffix)) return;
    const secure = location.protocol === "https:" ? "; secure" : "";
    document.cookie = `${ZONE_COOKIE}=${zone}; path=/; max-age=31536000; samesite=lax${secure}`;
  }, [clock]);
  return <ServedClock value={clock}>{children}</ServedClock>;
}

// Each text is one string in one element: `suppressHydrationWarning` covers a difference of one
// level only, and the browser's Intl data may word a date slightly unlike the server's.

/** "Today 10:00–12:00"; `dated`: "Fri, Nov 27 10:00–12:00" (see rangeText). */
export function TimeRange({ startsAt, endsAt, dated = false }: { startsAt: Date | string; endsAt: Date | string; dated?: boolean }) {
  const clock = useClock();
  const start = new Date(startsAt);
  return (
    <time dateTime={start.toISOString()} suppressHydrationWarning>
      {rangeText(start, new Date(endsAt), clock, { dated })}
    </time>
  );
}

/** "Today 18:30"; inside a sentence ("paused until tomorrow 01:30"), `inSentence` lower-cases the day. */
export function LocalTime({ at, inSentence = false }: { at: Date | string; inSentence?: boolean }) {
  const clock = useClock();
  const date = new Date(at);
  return (
    <time dateTime={date.toISOString()} suppressHydrationWarning>
      {timeText(date, clock, { inSentence })}
    </time>
  );
}

/** "7:00 AM–10:00 AM" (or "07:00–10:00") for minutes from midnight: a weekly time, in the reader's clock style. */
export function ClockRange({ from, to }: { from: number; to: number }) {
  const clock = useClock();
  return <span suppressHydrationWarning>{clockRangeText(from, to, clock)}</span>;
}
