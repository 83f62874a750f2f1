// Dates shown as relative words ("today", "in 6 days"), which read the same in every time zone —
// the server renders them, and it does not know the viewer's zone.
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;

export function relativeTime(date: Date, now: Date = new Date()): string {
  const diff = date.getTime() - now.getTime();
  const abs = Math.abs(diff);
  if (abs < MINUTE) return "just now";
  if (abs < HOUR) return relative.format(Math.round(diff / MINUTE), "minute");
  if (abs < DAY) return relative.format(Math.round(diff / HOUR), "hour");
  return relative.format(Math.round(diff / DAY), "day");
}

// Formatters for a time zone, each made once: making an Intl.DateTimeFormat for a zone costs far more
// than using one (it loads the zone's rules), and the push job formats for every notification it sends.
const ZONE_FORMATS = {
  hour: { hour: "2-digit", hourCycle: "h23" },
  clock: { hour: "2-digit", minute: "2-digit" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;
const zoneFormats = new Map<string, Intl.DateTimeFormat>();
/** Zones are spelled in any case: a bound keeps made-up spellings from growing the cache without end. */
const MAX_ZONE_FORMATS = 1_000;

/** A formatter for `kind` in `timeZone` (24-hour, en-GB). Throws a RangeError for a zone this runtime does not know. */
export function zoneFormat(timeZone: string, kind: keyof typeof ZONE_FORMATS): Intl.DateTimeFormat {
  const key = `${kind} ${timeZone}`;
  let format = zoneFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { timeZone, ...ZONE_FORMATS[kind] });
    if (zoneFormats.size >= MAX_ZONE_FORMATS) zoneFormats.clear();
    zoneFormats.set(key, format);
  }
  return format;
}
