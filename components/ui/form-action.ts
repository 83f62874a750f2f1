"use client";

import { useActionState } from "react";
import { initialFormState, type FormAction, type FormState } from "@/lib/validation/form";

/**
 * The action's answer — or, when the request never got one (offline, connection reset, the server
 * restarting), a message in the form saying so instead of the page failing: "Couldn’t post — you’re
 * offline. Try again." The form keeps what was typed (see keepFields for forms React would reset).
 * `unreachable`: a message of the form's own, given what happened ("you’re offline"), e.g. to say
 * whether sending again is safe.
 */
export function answeredOffline<D>(action: FormAction<D>, { failed = "Couldn’t send that", unreachable }: Unreachable = {}): FormAction<D> {
  return async (previous, formData) => {
    try {
      return await action(previous, formData);
    } catch (error) {
      if (!lostOnTheWay(error)) throw error;
      const where = typeof navigator !== "undefined" && !navigator.onLine ? "you’re offline" : "we couldn’t reach Overlap";
      return { ok: false, message: unreachable ? unreachable(where) : `${failed} — ${where}. Check your connection and try again.` } satisfies FormState<D>;
    }
  };
}

type Unreachable = { failed?: string; unreachable?: (where: string) => string };

/** useActionState for a form action, with a lost request answered in the form (answeredOffline). */
export function useFormAction<D>(action: FormAction<D>, unreachable?: Unreachable) {
  return useActionState(answeredOffline(action, unreachable), initialFormState as FormState<D>);
}

/** A request that failed in the network rather than in the server (which answers with a state or a page error). */
function lostOnTheWay(error: unknown): boolean {
  if (typeof navigator !== "undefined" && !navigator.onLine) return true;
  return error instanceof TypeError && /fetch|network|load failed|connection/i.test(error.message);
}
