import "server-only";
import { TZDate } from "@date-fns/tz";
import { ICalCalendar } from "ical-generator";
import { tzlib_get_ical_block } from "timezones-ical-library";
import { activityTitle, listNames } from "@/lib/meetup-words";
import { dayIn, nextOccurrence, occurrenceOn, type Weekly } from "@/lib/standing-times";
import type { MatchView } from "@/lib/views/matches";
import type { StandingPlanView } from "@/lib/views/plans";

// Calendar files (RFC 5545, written by ical-generator) for the one person asking: a meet-up they said
// they are in for, or a standing plan of theirs. They carry the activity, the window, the names of the
// friends still in and the spot someone typed — never an area: nobody's cell is in any of them.

const PRODUCT = { company: "Overlap", product: "Overlap", language: "EN" };
const WEEKDAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"] as const;

/** 20991231T100000Z: an instant in RFC 5545's UTC form. */
const utcBasic = (at: Date) =>
  at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

/** A meet-up: its window (UTC), "Surfing with Ben", and the spot last proposed, as its location. */
export function meetupCalendar(match: MatchView): string {
  const calendar = new ICalCalendar({ prodId: PRODUCT, name: "Overlap" });
  const still = match.friends.filter((friend) => !friend.out).map((friend) => friend.name);
  calendar.createEvent({
    id: `match-${match.id}@overlap`,
    start: match.startsAt,
    end: match.endsAt,
    summary: `${activityTitle(match.activity)}${still.length ? ` with ${listNames(still)}` : ""}`,
    ...(match.spot ? { location: match.spot.body } : {}),
    description: match.spot ? `Meeting at “${match.spot.body}” (suggested by ${match.spot.from}). Planned on Overlap.` : "Planned on Overlap.",
  });
  return calendar.toString();
}

/** A standing plan: every week on its days, at its hours in its own time zone, until its last day. */
export function standingCalendar(plan: StandingPlanView, now: Date): string | null {
  const weekly: Weekly = plan;
  const first = nextOccurrence(weekly, dayIn(now, plan.timeZone), now);
  if (!first) return null;
  const calendar = new ICalCalendar({ prodId: PRODUCT, name: "Overlap" });
  // Local times in the plan's zone, with the zone's definition: the hours stay put across daylight saving time.
  // Under the name the definition gives it (a runtime may call "Asia/Kolkata" by its older name).
  const definition = tzlib_get_ical_block(plan.timeZone)[0];
  const zone = (definition && /TZID:([^\r\n]+)/.exec(definition)?.[1]) || plan.timeZone;
  calendar.timezone({ name: zone, generator: () => definition ?? null });
  calendar.createEvent({
    id: `standing-${plan.id}@overlap`,
    start: new TZDate(first.startsAt.getTime(), plan.timeZone),
    end: new TZDate(first.endsAt.getTime(), plan.timeZone),
    timezone: zone,
    summary: `${activityTitle(plan.activity)} (standing plan)`,
    description: "Your standing plan on Overlap: each week, friends who are up for the same are told a day ahead.",
    // Written out: with a zoned start, RFC 5545 wants UNTIL in UTC, which the options object would not give.
    repeating: `RRULE:FREQ=WEEKLY;BYDAY=${plan.days.map((day) => WEEKDAYS[day]).join(",")}${plan.lastOn ? `;UNTIL=${utcBasic(occurrenceOn(weekly, plan.lastOn).endsAt)}` : ""}`,
  });
  return calendar.toString();
}

// Personal data: never kept by a browser or proxy cache.
const PRIVATE = { "Cache-Control": "no-store" };

/** The answer to a calendar download: the file, or "not found" (the same for someone else's, a made-up id and one not accepted). */
export function calendarResponse(body: string | null, name: string): Response {
  if (body === null) return Response.json({ error: "We couldn’t find that." }, { status: 404, headers: PRIVATE });
  const file = `overlap-${name.replace(/[^\p{L}\p{N}]+/gu, "-").toLowerCase()}.ics`;
  return new Response(body, {
    headers: { ...PRIVATE, "Content-Type": "text/calendar; charset=utf-8", "Content-Disposition": `attachment; filename="${encodeURIComponent(file)}"` },
  });
}
