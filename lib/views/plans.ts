// Plans, as the server hands them to the UI. lib/views holds the shapes lib/server returns to pages and
// components, declared once so that a change on either side fails to compile. Types only, client-safe
// (eslint.config.mjs keeps lib/server, Prisma and server-only out). Dates are Dates unless a type
// says it is JSON (json.ts): React carries them intact from server components and server actions.
import type { PlanMatch } from "./matches";

/** Who a plan may match with: friends marked close, or all friends. */
export type Audience = "close" | "friends";

/**
 * One of your own plans as the server shows it to you (your list, the answer to a post). Never the
 * cell id: the area is described in words.
 */
export type OwnPlanView = {
  id: string;
  activity: string;
  startsAt: Date;
  endsAt: Date;
  /** What the owner shared, in words ("an area of about 5 km²"); the cell id itself is never sent back. */
  area: string;
  travelKm: number;
  audience: Audience;
  note: string | null;
  /** Whether friends it matches with see the note. */
  shareNote: boolean;
  /** "At least N" people (the owner counted): its owner is told about its matches once N are in. */
  groupMin: number | null;
  /** "At most N" people (the owner counted): no more matches once N are in. */
  groupMax: number | null;
  /** Friends it matched with, oldest first (empty for a plan just posted: matching runs after the answer). */
  matches: PlanMatch[];
  /** A week's occurrence of a standing plan: the habit in words ("on Saturday mornings"); null for a plan posted once. */
  usually: string | null;
};

/**
 * One of your standing plans: what, which days and hours (in its own time zone), your chosen area in
 * words, and the next week's window not yet made into a plan (null while paused or after its last day).
 */
export type StandingPlanView = {
  id: string;
  activity: string;
  /** 0 = Sunday … 6 = Saturday. */
  days: number[];
  startMinute: number;
  endMinute: number;
  timeZone: string;
  area: string;
  travelKm: number;
  audience: Audience;
  /** Its last day ("YYYY-MM-DD"), if it has one. */
  lastOn: string | null;
  paused: boolean;
  next: { startsAt: Date; endsAt: Date } | null;
};

/** How far, for whom, a note and a group size: the part of a plan that can be set on each one (and edited). */
export type PlanOptions = Pick<OwnPlanView, "travelKm" | "audience" | "note" | "shareNote" | "groupMin" | "groupMax">;

/** A close friend one can ask directly: their name, and the id the ask form sends back. */
export type CloseFriend = { id: string; displayName: string };

/** How many friends the owner has, and how many of them they marked close: who a plan can reach. */
export type Reach = { friends: number; close: number };

/** The plans page's list of your active plans, and when it was read (server time, ms): see PostedPlan. */
export type ActivePlans = { plans: OwnPlanView[]; listedAt: number };

/**
 * A plan as the answer to its post: the plan, and when the post had been stored (server time, ms).
 * A list of plans read after that instant holds the plan for as long as it is active.
 */
export type PostedPlan = { plan: OwnPlanView; postedAt: number };
