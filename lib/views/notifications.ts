// Notifications, as the server hands them to the UI (lib/views: types only, client-safe; see plans.ts).
import type { AsJson } from "./json";

/**
 * One notification as its reader sees it: who and what, in words composed when read. Never a cell
 * id, a distance or the other person's id; for a match, only their window.
 */
export type NotificationView = {
  /** Sealed for its reader (lib/server/live/notification-ids.ts): never the row id, which counts everyone's. */
  id: string;
  text: string;
  href: string;
  createdAt: Date;
  unread: boolean;
  /** For a match: the other person's window, shown in the reader's own time zone by the browser. */
  window?: { startsAt: Date; endsAt: Date };
  /** About a match whose other side has since dropped out: shown as off. */
  off?: true;
};

/** A row of the inbox page: the notification with its time already in words ("5 minutes ago"). */
export type InboxItem = Omit<NotificationView, "createdAt"> & { when: string };

/**
 * What every signed-in page shows of the inbox: the unread count, and the newest notification's id
 * (sealed, like NotificationView's) as the page was rendered — where its live stream starts.
 */
export type InboxState = { unread: number; latestId: string };

/** What a live stream writes as a `notification` event's data, before JSON: the words the inbox shows, no more. */
export type LiveNotificationEvent = Pick<NotificationView, "id" | "text" | "href" | "window">;

/** The same event as the browser parses it: the window's times are ISO strings. */
export type LiveNotification = AsJson<LiveNotificationEvent>;
