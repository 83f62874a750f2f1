// How a match partner's answer, arrival and drop-out are put into words — the same on the match
// page, the plan card, the notification and the push. Client-safe. No reasons, no "declined".
import type { Answer } from "@/lib/views/matches";

/** "Ben’s in" / "Ben might come" / "Ben can’t make it this time"; null (nothing shown) when unanswered. */
export function answerWords(name: string, answer: Answer | null): string | null {
  switch (answer) {
    case "in":
      return `${name}’s in`;
    case "maybe":
      return `${name} might come`;
    case "out":
      return `${name} can’t make it this time`;
    case null:
      return null;
  }
}

/** "Ben’s on the way — there in about 20 min". */
export function onTheWayWords(name: string, minutes: number): string {
  return `${name}’s on the way — there in about ${minutes} min`;
}

/** "Ben’s out": their plan is off. Never why. */
export function outWords(name: string): string {
  return `${name}’s out`;
}

/** "Surfing" for the start of a line about a match. */
export function activityTitle(activity: string): string {
  return activity.charAt(0).toUpperCase() + activity.slice(1);
}

/** How many names a line about a huddle spells out before "and N more". */
const NAMES_SHOWN = 3;

/** "Ana" / "Ana and Ben" / "Ana, Ben and Carol" / "Ana, Ben, Carol and 2 more". */
export function listNames(names: string[]): string {
  const shown = names.length > NAMES_SHOWN + 1 ? [...names.slice(0, NAMES_SHOWN), `${names.length - NAMES_SHOWN} more`] : names;
  return shown.length <= 1 ? (shown[0] ?? "") : `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}`;
}

/** "You, Ana and Ben are up for surfing": a huddle, as each person in it is told (only their own friends). */
export function huddleWords(friends: string[], activity: string): string {
  return `${listNames(["You", ...friends])} are up for ${activity}`;
}

/** A plan's group size: "3–4 people", "at least 3 people", "at most 4 people"; null when any number will do. */
export function groupSizeWords({ groupMin, groupMax }: { groupMin: number | null; groupMax: number | null }): string | null {
  if (groupMin && groupMax) return groupMin === groupMax ? `${groupMin} people` : `${groupMin}–${groupMax} people`;
  if (groupMin) return `at least ${groupMin} people`;
  if (groupMax) return `at most ${groupMax} people`;
  return null;
}

/** A week of a friend's standing plan: "Ben is usually up for surfing on Saturday mornings too — up for it this week?" */
export function usuallyLine(name: string, activity: string, usually: string): string {
  return `${name} is usually up for ${activity} ${usually} too — up for it this week?`;
}
