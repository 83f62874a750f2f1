// Matches, as the server hands them to the UI (lib/views: types only, client-safe; see plans.ts).

/** A person's answer to a match. Not answering is allowed: null, and nothing is shown for it. */
export type Answer = "in" | "maybe" | "out";

/** The arrival times "On my way" offers, in minutes: a rough time, never a position or a distance. */
export const ARRIVAL_MINUTES = [10, 20, 30, 60] as const;
export type ArrivalMinutes = (typeof ARRIVAL_MINUTES)[number];

/** One side of a match as the match page shows it: never an area, a distance or an id. */
export type MatchSide = {
  name: string;
  answer: Answer | null;
  /** "On my way": about when they said they would be there. */
  arrivingAt: Date | null;
  /** Their plan is off (cancelled, edited away, paused or deleted — the page never says which). */
  out: boolean;
  /** Their plan's note, when they chose to show it to friends they match with (as the match told it). */
  note: string | null;
};

/** One friend in the viewer's huddle, with the window the viewer's plan and theirs share; `asked`: the viewer asked them (no area compared). */
export type HuddleFriend = MatchSide & { startsAt: Date; endsAt: Date; asked: boolean };

/** A meeting spot or a few words someone typed, as the match page lists them (oldest first); `from`: their name, or "You". */
export type MatchMessage = { id: string; kind: "spot" | "message"; body: string; mine: boolean; from: string; sentAt: Date };

/**
 * The match page, as one person's huddle: their plan's matches for this activity, one friend each
 * (only their own friends, each of whom matched them), the window over them all, and every answer.
 */
export type MatchView = {
  id: string;
  activity: string;
  startsAt: Date;
  endsAt: Date;
  /** The window is over: answers are closed. */
  ended: boolean;
  /** The viewer was asked, by this friend (by name): an ask, not a match — nobody's area was compared. */
  askedBy: string | null;
  /** Someone in it matched the viewer's plan by area (not only asks): the page may say "in your area". */
  inYourArea: boolean;
  you: MatchSide;
  /** Oldest match first; a friend whose plan is off (or no longer in the viewer's) stays, as out. */
  friends: HuddleFriend[];
  messages: MatchMessage[];
  /** The latest spot anyone in it proposed. */
  spot: MatchMessage | null;
};

/** A match as one's own plan card lists it ("Matched with Ben · Ben's in", or "Asked Ben"). */
export type PlanMatch = { id: string; asked: boolean; friend: Pick<MatchSide, "name" | "answer" | "out"> };
