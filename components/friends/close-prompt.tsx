"use client";

import { useFormAction } from "@/components/ui/form-action";
import { useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { type FormAction } from "@/lib/validation/form";
import type { PersonView } from "@/lib/views/friends";

// After a new friendship — a request or an invite accepted, on either side — the question that
// makes it count: by default only close friends hear about plans, so a new friend left unmarked is
// never matched. "Not now" is remembered on this device only; the server keeps no such mark.

const DISMISSED = "overlap:close-prompt-dismissed";
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

function dismissedIds(): string[] {
  try {
    const ids: unknown = JSON.parse(localStorage.getItem(DISMISSED) ?? "[]");
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [];
  } catch {
    return [];
  }
}

function dismiss(friendId: string) {
  try {
    localStorage.setItem(DISMISSED, JSON.stringify([...dismissedIds(), friendId].slice(-100)));
  } catch {
    // Storage refused (private mode, full): the question stays, which is harmless.
  }
  for (const listener of listeners) listener();
}

/** New friends not marked close yet (at most three), each with "Mark close" and "Not now". */
export function ClosePrompt({ action, friends }: { action: FormAction; friends: PersonView[] }) {
  // null on the server and in the first render: what was dismissed is only known in the browser.
  const stored = useSyncExternalStore(
    subscribe,
    () => localStorage.getItem(DISMISSED) ?? "",
    () => null,
  );
  if (stored === null) return null;
  const hidden = new Set(dismissedIds());
  const asked = friends.filter((friend) => !hidden.has(friend.id)).slice(0, 3);
  if (asked.length === 0) return null;
  return (
    <section aria-labelledby="close-prompt-title" className="rounded-2xl border border-brand-100 bg-brand-50 p-5 sm:p-6">
      <h2 id="close-prompt-title" className="text-lg font-semibold tracking-tight">
        New {asked.length === 1 ? "friend" : "friends"}
      </h2>
      <p className="mt-1 text-stone-700">By default only close friends hear about your plans. Nobody is told whom you mark.</p>
      <ul className="mt-3 flex flex-col gap-3">
        {asked.map((friend) => (
          <Question key={friend.id} action={action} friend={friend} />
        ))}
      </ul>
    </section>
  );
}

function Question({ action, friend }: { action: FormAction; friend: PersonView }) {
  const [state, formAction, pending] = useFormAction(action, { failed: "Couldn’t save" });
  return (
    <li className="flex flex-col gap-2 rounded-xl bg-white p-3 sm:flex-row sm:items-center sm:justify-between">
      <p className="font-medium">Mark {friend.displayName} as a close friend?</p>
      <form action={formAction} className="flex flex-wrap items-center gap-2">
        <input type="hidden" name="friendId" value={friend.id} />
        <input type="hidden" name="close" value="true" />
        <Button type="submit" pending={pending} aria-label={`Mark close: ${friend.displayName}`}>
          Mark close
        </Button>
        <Button type="button" variant="ghost" onClick={() => dismiss(friend.id)} aria-label={`Not now: ${friend.displayName}`}>
          Not now
        </Button>
        <InlineError state={state} />
      </form>
    </li>
  );
}
