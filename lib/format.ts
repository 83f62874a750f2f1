// Dates shown as relative words ("today", "in 6 days"), which read the same in every time zone —
// the server renders them, and it does not know the viewer's zone.
// Made on first use: the first Intl formatter a page makes costs a phone tens of milliseconds.
let relative: Intl.RelativeTimeFormat | undefined;
const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;

export function relativeTime(date: Date, now: Date = new Date()): string {
  const diff = date.getTime() - now.getTime();
  const abs = Math.abs(diff);
  if (abs < MINUTE) return "just now";
  relative ??= new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  if (abs < HOUR) return relative.format(Math.round(diff / MINUTE), "minute");
  if (abs < DAY) return relative.format(Math.round(diff / HOUR), "hour");
  return relative.format(Math.round(diff / DAY), "day");
}

// Formatters, each made once: making an Intl.DateTimeFormat costs far more than using one (for a zone
// it loads the zone's rules) — the push job formats for every notification it sends, and a page of
// plans formats each time several ways while it hydrates.
const ZONE_FORMATS = {
  hour: { hour: "2-digit", hourCycle: "h23" },
  clock: { hour: "2-digit", minute: "2-digit" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;
const formats = new Map<string, Intl.DateTimeFormat>();
/** Zones and locales are spelled in any case: a bound keeps made-up spellings from growing the cache without end. */
const MAX_FORMATS = 1_000;

/** `new Intl.DateTimeFormat(locale, options)`, made once per locale and options. Throws a RangeError as that does. */
export function dateFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ""} ${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    if (formats.size >= MAX_FORMATS) formats.clear();
    formats.set(key, format);
  }
  return format;
}

/** A formatter for `kind` in `timeZone` (24-hour, en-GB). Throws a RangeError for a zone this runtime does not know. */
export function zoneFormat(timeZone: string, kind: keyof typeof ZONE_FORMATS): Intl.DateTimeFormat {
  return dateFormat("en-GB", { timeZone, ...ZONE_FORMATS[kind] });
}
