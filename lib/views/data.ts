// Everything stored about the user, as the export, the "What we store" page and the ledger page get
// it (lib/views: types only, client-safe; see plans.ts). Plain JSON-ready data: times are ISO
// strings, ids are strings. Other people appear only as NamedPerson — never their id, email,
// settings, plans or areas.

import type { Audience } from "./plans";

/** Another person in the user's history: their current name and @handle (or "A former contact" with no handle). */
export type NamedPerson = { displayName: string; handle: string };

/**
 * One kind of data: how many items, when they are deleted (in words), and each item with its
 * `deletesAt` (ISO time; null when an event rather than a time deletes it — the rule then says which).
 */
export type Section<T extends { deletesAt: string | null }> = { count: number; retention: string; items: T[] };

/**
 * What a match told someone: the activity, the window and when it was said ("in your area" goes
 * without saying); for a meeting spot or a message, `said`: the words themselves; for a match, `note`:
 * the plan's note, where its owner chose to show it.
 */
export type ToldItem = {
  id: string;
  activity: string;
  startsAt: string;
  endsAt: string;
  said: string | null;
  note: string | null;
  /** For a week of the subject's standing plan: the habit it told ("on Saturday mornings"). */
  usually: string | null;
  /** An ask (sent to chosen close friends), not a match: it said the activity and the window, no area. */
  asked: boolean;
  createdAt: string;
  deletesAt: string | null;
};

/** A ledger entry: what a friend was told about the user. */
export type LedgerItem = ToldItem & { toldTo: NamedPerson };

/** The other direction: what the user was told about a friend. */
export type ToldToMeItem = ToldItem & { about: NamedPerson };

/** A friend's plans were checked against one of the user's from every area a day allows; who is not kept. */
export type ProbeNoticeItem = { id: string; activity: string; areas: number; createdAt: string; deletesAt: string | null };

/** The account row's settings as the data page lists them. */
export type AccountSettingsItem = {
  email: string;
  handle: string;
  displayName: string;
  createdAt: string;
  discoverable: boolean;
  pausedUntil: string | null;
  locationResolution: number;
  defaultTravelKm: number;
  defaultAudience: Audience;
  planRetentionHours: number;
  notificationRetentionDays: number;
  ledgerRetentionDays: number;
};
