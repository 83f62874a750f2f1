// Suggestions from a person's own past plans, worked out in their browser only (the history is kept
// on the device: components/plans/habit-store.ts; nothing here or there is ever sent to the server).
// Pure and client-safe.

/** A plan this device posted: what and when (no area). */
export type PastPlan = { activity: string; startsAt: string; endsAt: string };

/** "Surfing now? You often go around this time." */
export type NowSuggestion = { activity: string; times: number };
/** "You often go surfing on Saturdays around 7:00 — make it a standing plan?" (minutes from midnight, local). */
export type HabitSuggestion = { activity: string; day: number; from: number; to: number; times: number };

/** How many past plans make a habit. */
export const HABIT_TIMES = 3;
/** How far back the history counts, and how much is kept. */
export const HISTORY_DAYS = 90;
export const HISTORY_MAX = 200;
/** "Around this time": starts within this many minutes of each other. */
const AROUND_MINUTES = 90;

const DAY_MS = 24 * 3_600_000;
const minuteOfDay = (date: Date) => date.getHours() * 60 + date.getMinutes();
/** Minutes between two times of day, across midnight too. */
const apart = (a: number, b: number) => Math.min(Math.abs(a - b), 1440 - Math.abs(a - b));

/** The history as kept: the newest HISTORY_MAX plans of the last HISTORY_DAYS days. */
export function keptHistory(history: PastPlan[], now: Date): PastPlan[] {
  const since = now.getTime() - HISTORY_DAYS * DAY_MS;
  return history
    .filter((plan) => Date.parse(plan.startsAt) > since)
    .sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt))
    .slice(0, HISTORY_MAX);
}

function mostFrequent<T extends { times: number }>(found: T[]): T | null {
  return found.sort((a, b) => b.times - a.times)[0] ?? null;
}

/** The activity most often started around now's time of day (on any day), if it is a habit; the browser's zone. */
export function suggestNow(history: PastPlan[], now: Date, { posted = [] as string[] } = {}): NowSuggestion | null {
  const at = minuteOfDay(now);
  const counts = new Map<string, number>();
  for (const plan of keptHistory(history, now)) {
    const start = new Date(plan.startsAt);
    if (start.getTime() > now.getTime() || apart(minuteOfDay(start), at) > AROUND_MINUTES / 2) continue;
    counts.set(plan.activity, (counts.get(plan.activity) ?? 0) + 1);
  }
  const found = [...counts].filter(([activity, times]) => times >= HABIT_TIMES && !posted.includes(activity)).map(([activity, times]) => ({ activity, times }));
  return mostFrequent(found);
}

/**
 * The most frequent weekly habit — the same activity on the same weekday, starting within
 * AROUND_MINUTES — not yet a standing plan: its day, and its usual window (the earliest start and the
 * latest end among those plans, rounded to the quarter hour, at most 12 hours).
 */
export function suggestStanding(history: PastPlan[], now: Date, { standing = [] as string[] } = {}): HabitSuggestion | null {
  const groups = new Map<string, PastPlan[]>();
  for (const plan of keptHistory(history, now)) {
    if (standing.includes(plan.activity)) continue;
    const key = `${plan.activity}\u0000${new Date(plan.startsAt).getDay()}`;
    groups.set(key, [...(groups.get(key) ?? []), plan]);
  }
  const found: HabitSuggestion[] = [];
  for (const plans of groups.values()) {
    const starts = plans.map((plan) => minuteOfDay(new Date(plan.startsAt))).sort((a, b) => a - b);
    // The largest run of starts within AROUND_MINUTES of its earliest.
    let best: number[] = [];
    for (const first of starts) {
      const run = starts.filter((start) => start >= first && start - first <= AROUND_MINUTES);
      if (run.length > best.length) best = run;
    }
    if (best.length < HABIT_TIMES) continue;
    const inRun = plans.filter((plan) => best.includes(minuteOfDay(new Date(plan.startsAt))));
    const quarter = (minute: number) => Math.round(minute / 15) * 15;
    const from = quarter(best[0]!);
    const ends = inRun.map((plan) => {
      const end = new Date(plan.endsAt);
      return end.toDateString() === new Date(plan.startsAt).toDateString() ? minuteOfDay(end) : 1440;
    });
    const to = Math.min(quarter(Math.max(...ends)), from + 12 * 60, 23 * 60 + 45);
    if (to - from < 15) continue;
    found.push({ activity: plans[0]!.activity, day: new Date(plans[0]!.startsAt).getDay(), from, to, times: best.length });
  }
  return mostFrequent(found);
}
