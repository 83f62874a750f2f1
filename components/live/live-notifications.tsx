"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { TimeRange } from "@/components/ui/time-range";
import type { InboxState, LiveNotification } from "@/lib/views/notifications";

const TOAST_MS = 10_000;
/** While a toast is pointed at or holds keyboard focus it stays; checked again this often. */
const HELD_RECHECK_MS = 1_000;
/** A stream the browser gave up on (an error answer, e.g. during a database outage) is reopened after this long, doubling up to the maximum. */
const REOPEN_FIRST_MS = 1_000;
const REOPEN_MAX_MS = 30_000;
/** Only a stream down for longer than this is mentioned: a routine reconnect is not news. */
const QUIET_MS = 4_000;

/**
 * Listens to /api/events while the app is open, from the newest notification the page was rendered
 * with: each new notification appears as a toast and the page (lists, unread badge) refreshes
 * without a reload. The browser reconnects by itself and sends Last-Event-ID; when it gives up
 * (after an error answer, per the EventSource rules), the stream is reopened here from the last id
 * it saw, so nothing is missed in between either way.
 */
export function LiveNotifications({ since }: { since: InboxState["latestId"] }) {
  const router = useRouter();
  const [toasts, setToasts] = useState<LiveNotification[]>([]);
  const [down, setDown] = useState(false);
  // Toasts do not go away under the pointer or keyboard focus (someone reading one, or about to
  // follow or dismiss it, would lose it and their place on the page).
  const region = useRef<HTMLDivElement>(null);
  // Where the first stream starts: the newest notification when the page was rendered (later
  // renders of the layout do not move it; the stream's own events do).
  const start = useRef(since);

  useEffect(() => {
    let source: EventSource | undefined;
    let lastId = start.current;
    let reopenIn = REOPEN_FIRST_MS;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    let quiet: ReturnType<typeof setTimeout> | undefined;
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const expire = (id: string, after: number) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (isHeld(region.current)) return expire(id, HELD_RECHECK_MS);
        setToasts((current) => current.filter((t) => t.id !== id));
      }, after);
      timers.add(timer);
    };
    const seen = (message: Event) => {
      lastId = (message as MessageEvent).lastEventId || lastId;
      reopenIn = REOPEN_FIRST_MS;
      clearTimeout(quiet);
      quiet = undefined;
      setDown(false);
    };
    const open = () => {
      source = new EventSource(`/api/events?lastEventId=${encodeURIComponent(lastId)}`);
      // The stream's first event says where it starts, so a reopened one continues from there.
      source.addEventListener("ready", seen);
      source.addEventListener("notification", (message) => {
        seen(message);
        const live = JSON.parse((message as MessageEvent<string>).data) as LiveNotification;
        setToasts((current) => [...current.filter((t) => t.id !== live.id), live].slice(-3));
        expire(live.id, TOAST_MS);
        router.refresh();
      });
      // Something on the page changed without a notification (e.g. a friend deleted their account).
      source.addEventListener("changed", (message) => {
        seen(message);
        router.refresh();
      });
      source.onerror = () => {
        quiet ??= setTimeout(() => setDown(true), QUIET_MS);
        if (source?.readyState !== EventSource.CLOSED) return; // the browser is reconnecting by itself
        reopen = setTimeout(open, reopenIn);
        reopenIn = Math.min(reopenIn * 2, REOPEN_MAX_MS);
      };
    };
    open();
    return () => {
      source?.close();
      clearTimeout(reopen);
      clearTimeout(quiet);
      for (const timer of timers) clearTimeout(timer);
    };
  }, [router]);

  return (
    // At the bottom, clear of the header and of the main navigation (a tab bar at the bottom of phones,
    // in the header on wide screens): a toast stays up for seconds and must not hide where to go next.
    <div
      ref={region}
      role="status"
      aria-live="polite"
      className="pointer-events-none fixed inset-x-0 bottom-[calc(5rem+env(safe-area-inset-bottom))] z-20 flex flex-col items-center gap-2 px-3 lg:inset-x-auto lg:right-6 lg:bottom-6 lg:items-end"
    >
      {down && (
        <p className="pointer-events-auto rounded-full border border-stone-200 bg-white px-3 py-1 text-sm text-stone-600 shadow-sm" data-testid="live-down">
          Reconnecting to live updates…
        </p>
      )}
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className="pointer-events-auto flex w-full max-w-md items-start gap-3 rounded-xl border border-brand-100 bg-white p-4 shadow-lg"
          data-testid="live-toast"
        >
          <span aria-hidden="true" className="mt-1.5 h-2.5 w-2.5 shrink-0 rounded-full bg-amber-500" />
          <Link href={toast.href} className="min-w-0 flex-1">
            <span className="block font-medium text-stone-900">{toast.text}</span>
            {toast.window && (
              <span className="block text-sm text-stone-700">
                <TimeRange startsAt={toast.window.startsAt} endsAt={toast.window.endsAt} />
              </span>
            )}
          </Link>
          <button
            type="button"
            onClick={() => setToasts((current) => current.filter((t) => t.id !== toast.id))}
            className="rounded-md px-2 text-stone-500 hover:bg-stone-100 hover:text-stone-900"
            aria-label="Dismiss"
          >
            <span aria-hidden="true">×</span>
          </button>
        </div>
      ))}
    </div>
  );
}

/** Whether a toast is under the pointer or holds keyboard focus (read at the time: a dismissed toast leaves no state behind). */
function isHeld(region: HTMLElement | null): boolean {
  if (!region) return false;
  return region.contains(document.activeElement) || region.querySelector("[data-testid=live-toast]:hover") !== null;
}
