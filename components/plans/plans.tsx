"use client";

import { createContext, use, useEffect, useSyncExternalStore, type ReactNode } from "react";
import type { ActivePlans, OwnPlanView, PostedPlan } from "@/lib/views/plans";

// Posting a plan does not render the page again on the server (the busiest request stays cheap):
// the composer hands the new plan here and the list shows it at once. The plans are kept outside
// the page, so a /plans restored by Back (from the router's cache, as it was before the post) shows
// them too. Each is dropped once a list from the server read after the post arrives (after an edit,
// a cancel, a navigation, a reload or the refresh a live notification triggers): that list holds the
// plan if it is still active, and its absence there means it was cancelled elsewhere or has ended.
// Also dropped when cancelled here. Tagged with their owner: in a tab where someone else signs in,
// they are not theirs to see.

let posted: { owner: string; plans: PostedPlan[] } = { owner: "", plans: [] };
const listeners = new Set<() => void>();
const NONE: PostedPlan[] = [];

function setPosted(owner: string, plans: PostedPlan[]) {
  posted = { owner, plans };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** `owner`: whose plans they are (the signed-in user's id). */
type Plans = { owner: string; plans: OwnPlanView[]; add: (posted: PostedPlan) => void; forget: (id: string) => void };

const PlansContext = createContext<Plans | null>(null);

/** `plans`: the server's list of the owner's active plans, read at `listedAt` (server time, ms). */
export function PlansProvider({ owner, plans: listedPlans, listedAt, children }: ActivePlans & { owner: string; children: ReactNode }) {
  const mine = () => (posted.owner === owner ? posted.plans : NONE);
  const added = useSyncExternalStore(subscribe, mine, () => NONE);
  useEffect(() => {
    // NONE, not a new []: the snapshot stays the same and nothing renders again — a render here would
    // reach the page's sections before they have hydrated, and React would drop their served HTML.
    if (posted.owner !== owner) return setPosted(owner, NONE);
    const kept = posted.plans.filter(({ postedAt }) => postedAt > listedAt);
    if (kept.length !== posted.plans.length) setPosted(owner, kept);
  }, [owner, listedAt]);

  const listed = new Set(listedPlans.map((plan) => plan.id));
  const plans = [...listedPlans, ...added.filter(({ plan, postedAt }) => postedAt > listedAt && !listed.has(plan.id)).map(({ plan }) => plan)].sort(
    (a, b) => new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime(),
  );
  const add = (plan: PostedPlan) => setPosted(owner, [...mine(), plan]);
  const forget = (id: string) =>
    setPosted(
      owner,
      mine().filter(({ plan }) => plan.id !== id),
    );
  return <PlansContext value={{ owner, plans, add, forget }}>{children}</PlansContext>;
}

/** Your active plans: the server's list plus what you posted from this page since. */
export function usePlans(): Plans {
  const plans = use(PlansContext);
  if (!plans) throw new Error("usePlans needs a PlansProvider");
  return plans;
}
