import { at, dayIn, nextDay, weekdayOf } from "./standing-times";

// The composer's time shortcuts — Tonight, Tomorrow morning, This weekend — as windows in the
// person's own time zone. Pure and client-safe: the browser works them out and sends the instants,
// as it does for times picked by hand.

export type ShortcutId = "tonight" | "tomorrow-morning" | "weekend";
export type Shortcut = { id: ShortcutId; label: string; startsAt: Date; endsAt: Date };

export const SHORTCUT_LABELS: Record<ShortcutId, string> = {
  tonight: "Tonight",
  "tomorrow-morning": "Tomorrow morning",
  weekend: "This weekend",
};

const HOUR = 60;
/** Tonight: 6–11 PM. Tomorrow morning: 8 AM–noon. A weekend day: 9 AM–9 PM (a plan is at most 12 hours). */
const TONIGHT = [18 * HOUR, 23 * HOUR] as const;
const MORNING = [8 * HOUR, 12 * HOUR] as const;
const WEEKEND_DAY = [9 * HOUR, 21 * HOUR] as const;
/** A window with less than this left is not offered. */
const AT_LEAST_MINUTES = 60;

/**
 * The shortcuts that make sense at `now` in `timeZone`, each a window that has not ended: tonight
 * (from now if the evening has begun), tomorrow morning, and the next weekend day with time left
 * (Saturday, or today on a weekend; none late on a Sunday).
 */
export function timeShortcuts(now: Date, timeZone: string): Shortcut[] {
  const today = dayIn(now, timeZone);
  const shortcuts: Shortcut[] = [];
  const offer = (id: ShortcutId, day: string, [from, until]: readonly [number, number]) => {
    const startsAt = new Date(Math.max(at(day, from, timeZone).getTime(), now.getTime()));
    const endsAt = at(day, until, timeZone);
    if (endsAt.getTime() - startsAt.getTime() < AT_LEAST_MINUTES * 60_000) return false;
    shortcuts.push({ id, label: SHORTCUT_LABELS[id], startsAt, endsAt });
    return true;
  };
  offer("tonight", today, TONIGHT);
  offer("tomorrow-morning", nextDay(today), MORNING);
  const weekday = weekdayOf(today);
  if (weekday === 6) {
    if (!offer("weekend", today, WEEKEND_DAY)) offer("weekend", nextDay(today), WEEKEND_DAY);
  } else if (weekday === 0) {
    offer("weekend", today, WEEKEND_DAY);
  } else {
    let saturday = today;
    while (weekdayOf(saturday) !== 6) saturday = nextDay(saturday);
    offer("weekend", saturday, WEEKEND_DAY);
  }
  return shortcuts;
}
