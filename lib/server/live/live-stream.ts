import "server-only";
import { logThrottled } from "../log";
import { openNotificationId, sealNotificationId } from "./notification-ids";
import type { LiveNotificationEvent, NotificationView } from "@/lib/views/notifications";
import { latestNotificationPosition, NOTIFICATION_PAGE_SIZE } from "./inbox";
import { readStreamPage } from "./catch-ups";
import { subscribe } from "./realtime";
import { retrying } from "../retry";

// What a live-notification stream (GET /api/events) says and when, whichever server carries it:
// Next's route handler (app/api/events/route.ts, used by `next dev`) or the plain node:http handler
// the production server calls directly (live-stream-node.ts), which holds no per-request Next state
// for the stream's whole life. Both are thin adapters over `openLiveStream`.

export const HEARTBEAT_MS = 15_000;
// Streams are closed after a while so the browser reconnects (and its session is checked again even
// if nothing was sent); anything a stream sends after it opened is sent only after the same check.
export const MAX_STREAM_MS = 5 * 60_000;
const RETRY_MS = 3_000;
/** Tries of one catch-up, with jittered backoff from CATCH_UP_RETRY_MS, before the stream is closed. */
export const CATCH_UP_ATTEMPTS = 4;
const CATCH_UP_RETRY_MS = 250;

export const SIGNED_OUT_TEXT = "Sign in to receive live notifications.";
// Never stored by a cache between the browser and us: the answer depends on the cookie.
export const SIGNED_OUT_HEADERS = { "Content-Type": "text/plain;charset=UTF-8", "Cache-Control": "no-store" } as const;

export const LIVE_STREAM_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  // no-transform also keeps compression (Next's and proxies') from buffering the stream.
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  "X-Accel-Buffering": "no",
} as const;

/** What a reconnecting browser says it saw last (`Last-Event-ID` header, or `lastEventId` in the query). */
export function lastEventIdFrom(header: string | null | undefined, query: string | null | undefined): string | null {
  return header || query || null;
}

function event(notification: NotificationView): string {
  // The same words the notification list shows: who, what, when, "in your area". No cell, no distance.
  const data: LiveNotificationEvent = { id: notification.id, text: notification.text, href: notification.href, window: notification.window };
  return `id: ${notification.id}\nevent: notification\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Where a stream's text goes. `write` returns false once the browser is gone. */
export type LiveStreamSink = { write(text: string): boolean; close(): void };

export type LiveStream = {
  /** Starts sending to `sink`: retry hint, catch-up, then new notifications and heartbeats. */
  pipe(sink: LiveStreamSink): void;
  /** Ends the stream and releases its subscription and timers; safe to call any number of times. */
  stop(): void;
};

/** Whose stream it is: the session the caller checked when it opened, and its user. */
export type StreamSession = { sessionId: string; userId: string };

/**
 * Opens the session's user's live stream: fixes where it starts and subscribes to this process's hub.
 * Resolves once both are done, so response headers sent afterwards mean "everything from here on
 * reaches you" (a notification written in between is caught up from the table when `pipe` starts).
 * The caller must have checked the session; it calls `stop` when the browser leaves, `pipe` or not.
 * Each wake-up checks the session again before anything is sent: a stream whose session has ended
 * (signed out here or from another device, the account deleted or disabled) closes instead.
 */
export async function openLiveStream(session: StreamSession, lastEventId: string | null): Promise<LiveStream> {
  const { userId } = session;
  // A reconnecting browser says what it last saw (an id sealed for this user, notification-ids.ts);
  // a new one, or one naming nothing of this user's, starts from now.
  let sent = openNotificationId(userId, lastEventId) ?? (await latestNotificationPosition(userId));
  let sink: LiveStreamSink | undefined;
  let closed = false;
  let wokenEarly = false;
  let busy: Promise<void> = Promise.resolve();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let lifetime: ReturnType<typeof setTimeout> | undefined;

  const write = (text: string) => {
    if (closed || !sink) return;
    // The browser went away under us (no close seen yet): stop rather than keep writing.
    if (!sink.write(text)) stop();
  };
  // Sends everything newer than what was sent, one catch-up at a time, while the session is live
  // (each page is read only then; catch-ups.ts reads the pages of streams woken together at once).
  // A wake-up with nothing new means something else changed (a friend left, deleted their account):
  // the page refreshes.
  const sendWhatIsNew = async (woken: boolean) => {
    if (closed) return;
    let fresh = await readStreamPage({ session, after: sent });
    if (fresh === null) return stop();
    if (woken && fresh.length === 0) write("event: changed\ndata: {}\n\n");
    // Page by page until nothing is left: a long outage can leave more than one page behind.
    while (fresh.length > 0) {
      for (const { position, view } of fresh) {
        if (closed) return;
        write(event(view));
        sent = position;
      }
      if (fresh.length < NOTIFICATION_PAGE_SIZE) return;
      fresh = await readStreamPage({ session, after: sent });
      if (fresh === null) return stop();
    }
  };
  // Wake-ups that arrive while a catch-up waits for its turn join it rather than queue another.
  let queued: { woken: boolean } | undefined;
  const catchUp = (woken: boolean) => {
    if (!sink) {
      wokenEarly ||= woken;
      return;
    }
    if (queued) {
      queued.woken ||= woken;
      return;
    }
    const next = (queued = { woken });
    busy = busy.then(async () => {
      queued = undefined;
      try {
        // The database is away or swamped (e.g. every stream of the process catching up after it
        // came back): try again shortly; after that, end the stream: the browser reconnects with
        // Last-Event-ID and is sent what it missed from there. Never skip it silently.
        await retrying(() => sendWhatIsNew(next.woken), {
          attempts: CATCH_UP_ATTEMPTS,
          firstDelayMs: CATCH_UP_RETRY_MS,
          retryIf: () => !closed,
        });
      } catch (error) {
        if (closed) return;
        logThrottled(
          "live-catch-up",
          `Live stream: a catch-up failed ${CATCH_UP_ATTEMPTS} times (${(error as Error).message}); closing it so the browser reconnects and replays`,
        );
        stop();
      }
    });
  };

  const unsubscribe = await subscribe(userId, (reason) => catchUp(reason === "wake"));

  function stop() {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    clearTimeout(lifetime);
    unsubscribe();
    sink?.close();
  }

  return {
    pipe(target) {
      if (closed || sink) return;
      sink = target;
      heartbeat = setInterval(() => write(": heartbeat\n\n"), HEARTBEAT_MS);
      lifetime = setTimeout(stop, MAX_STREAM_MS);
      // The starting point goes first, as an event id: a browser whose stream drops before any
      // notification arrived then reconnects with Last-Event-ID and misses nothing made meanwhile.
      write(`retry: ${RETRY_MS}\nid: ${sealNotificationId(userId, sent)}\nevent: ready\ndata: {}\n\n`);
      catchUp(wokenEarly);
    },
    stop,
  };
}
