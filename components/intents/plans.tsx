"use client";

import { createContext, use, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import type { OwnIntentView } from "@/lib/validation/intents";

// Posting a plan does not render the page again on the server (the busiest request stays cheap):
// the composer hands the new plan here and the list shows it at once. A newer list from the server
// (after an edit, a cancel, or a refresh the live stream triggers) already holds those plans, so
// what was added here is dropped when one arrives.

type Plans = { plans: OwnIntentView[]; add: (plan: OwnIntentView) => void };

const PlansContext = createContext<Plans | null>(null);

export function PlansProvider({ intents, children }: { intents: OwnIntentView[]; children: ReactNode }) {
  const [added, setAdded] = useState<{ to: OwnIntentView[]; plans: OwnIntentView[] }>({ to: intents, plans: [] });
  // The list on screen when a post's answer arrives (a refresh may have landed while it was on its way).
  const latest = useRef(intents);
  useLayoutEffect(() => {
    latest.current = intents;
  });
  const fresh = added.to === intents ? added.plans : [];
  const plans = [...intents, ...fresh.filter((plan) => !intents.some((intent) => intent.id === plan.id))].sort(
    (a, b) => new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime(),
  );
  const add = (plan: OwnIntentView) => {
    const to = latest.current;
    setAdded((current) => ({ to, plans: [...(current.to === to ? current.plans : []), plan] }));
  };
  return <PlansContext value={{ plans, add }}>{children}</PlansContext>;
}

/** Your active plans: the server's list plus what you posted from this page since. */
export function usePlans(): Plans {
  const plans = use(PlansContext);
  if (!plans) throw new Error("usePlans needs a PlansProvider");
  return plans;
}
