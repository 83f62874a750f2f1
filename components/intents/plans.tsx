"use client";

import { createContext, use, useEffect, useSyncExternalStore, type ReactNode } from "react";
import type { OwnIntentView } from "@/lib/validation/intents";

// Posting a plan does not render the page again on the server (the busiest request stays cheap):
// the composer hands the new plan here and the list shows it at once. The plans are kept outside
// the page, so a /now restored by Back (from the router's cache, as it was before the post) shows
// them too. Each is dropped once a list from the server holds it (after an edit, a cancel, a reload
// or the refresh a live notification triggers) or once it is cancelled here. They are tagged with
// their owner: in a tab where someone else signs in, they are not theirs to see.

let posted: { owner: string; plans: OwnIntentView[] } = { owner: "", plans: [] };
const listeners = new Set<() => void>();
const NONE: OwnIntentView[] = [];

function setPosted(owner: string, plans: OwnIntentView[]) {
  posted = { owner, plans };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

type Plans = { plans: OwnIntentView[]; add: (plan: OwnIntentView) => void; forget: (id: string) => void };

const PlansContext = createContext<Plans | null>(null);

export function PlansProvider({ owner, intents, children }: { owner: string; intents: OwnIntentView[]; children: ReactNode }) {
  const mine = () => (posted.owner === owner ? posted.plans : NONE);
  const added = useSyncExternalStore(subscribe, mine, () => NONE);
  useEffect(() => {
    if (posted.owner !== owner) return setPosted(owner, []);
    const listed = new Set(intents.map((intent) => intent.id));
    if (posted.plans.some((plan) => listed.has(plan.id))) setPosted(owner, posted.plans.filter((plan) => !listed.has(plan.id)));
  }, [owner, intents]);

  const plans = [...intents, ...added.filter((plan) => !intents.some((intent) => intent.id === plan.id))].sort(
    (a, b) => new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime(),
  );
  const add = (plan: OwnIntentView) => setPosted(owner, [...mine(), plan]);
  const forget = (id: string) => setPosted(owner, mine().filter((plan) => plan.id !== id));
  return <PlansContext value={{ plans, add, forget }}>{children}</PlansContext>;
}

/** Your active plans: the server's list plus what you posted from this page since. */
export function usePlans(): Plans {
  const plans = use(PlansContext);
  if (!plans) throw new Error("usePlans needs a PlansProvider");
  return plans;
}
