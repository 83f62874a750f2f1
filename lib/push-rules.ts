// Whether a notification is also pushed to the user's devices. Pure and client-safe: the settings
// page uses the same rules to explain them, and unit tests pin them down.

import { zoneFormat } from "./format";

export type PushControls = {
  pushEnabled: boolean;
  quietHoursStart: number | null;
  quietHoursEnd: number | null;
  timeZone: string;
  mutedActivities: string[];
  pushDailyCapPerFriend: number;
};

export type PushVerdict = "push" | "off" | "quiet" | "muted" | "capped";

export const DAILY_CAP_CHOICES = [1, 2, 3, 5] as const;

/** The hour (0–23) it is at `now` in `timeZone`; an unknown zone counts as UTC. */
export function localHour(now: Date, timeZone: string): number {
  return Number((isTimeZone(timeZone) ? zoneFormat(timeZone, "hour") : zoneFormat("UTC", "hour")).format(now));
}

/** Quiet from `start` o'clock up to (not including) `end` o'clock, across midnight when start > end. */
export function inQuietHours(now: Date, controls: Pick<PushControls, "quietHoursStart" | "quietHoursEnd" | "timeZone">): boolean {
  const { quietHoursStart: start, quietHoursEnd: end } = controls;
  if (start === null || end === null || start === end) return false;
  const hour = localHour(now, controls.timeZone);
  return start < end ? hour >= start && hour < end : hour >= start || hour < end;
}

/**
 * The verdict for one notification: `activity` is the match's activity (null for other kinds),
 * `pushedAboutFriendToday` how many pushes about the same friend this user got in the last 24 hours.
 */
export function pushVerdict(controls: PushControls, now: Date, activity: string | null, pushedAboutFriendToday: number): PushVerdict {
  if (!controls.pushEnabled) return "off";
  if (activity !== null && controls.mutedActivities.includes(activity)) return "muted";
  if (inQuietHours(now, controls)) return "quiet";
  if (pushedAboutFriendToday >= controls.pushDailyCapPerFriend) return "capped";
  return "push";
}

/** A time zone name the browser reported, if this runtime knows it. */
export function isTimeZone(value: string): boolean {
  if (value.length > 64) return false;
  try {
    zoneFormat(value, "hour");
    return true;
  } catch {
    return false;
  }
}
