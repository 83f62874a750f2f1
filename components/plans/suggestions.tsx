"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { ClockRange } from "@/components/ui/time-range";
import { suggestNow, suggestStanding, type PastPlan } from "@/lib/habits";
import { activityTitle } from "@/lib/meetup-words";
import { DAY_NAMES } from "@/lib/standing-times";
import { readHistory } from "./habit-store";
import { usePlans } from "./plans";
import { usePrefill } from "./prefill";

const DISMISSED = "overlap-suggestions-dismissed";

/**
 * "Surfing now? You often go around this time" and "make it a standing plan?", from the plans this
 * browser posted (habit-store.ts), worked out here: the history never leaves the device, and taking a
 * suggestion only fills in a form on this page. `standing`: activities already standing plans.
 */
export function Suggestions({ standing }: { standing: string[] }) {
  const { owner, plans } = usePlans();
  const { fill } = usePrefill();
  const [history, setHistory] = useState<PastPlan[] | null>(null);
  const [dismissed, setDismissed] = useState(false);
  useEffect(() => {
    let live = true;
    void readHistory(owner).then((found) => {
      if (live) {
        setDismissed(sessionStorage.getItem(DISMISSED) === "1");
        setHistory(found);
      }
    });
    return () => {
      live = false;
    };
  }, [owner]);
  if (!history || dismissed) return null;
  const now = new Date();
  const soon = suggestNow(history, now, { posted: plans.map((plan) => plan.activity) });
  const habit = suggestStanding(history, now, { standing });
  if (!soon && !habit) return null;
  const dismiss = () => {
    sessionStorage.setItem(DISMISSED, "1");
    setDismissed(true);
  };
  const jump = (id: string) => document.getElementById(id)?.scrollIntoView({ behavior: "smooth", block: "start" });
  return (
    <section aria-labelledby="suggestions-title" className="rounded-2xl border border-brand-100 bg-brand-50 p-5 text-stone-900">
      <h2 id="suggestions-title" className="sr-only">
        Suggestions
      </h2>
      <div className="flex flex-col gap-4">
        {soon && (
          <div className="flex flex-col gap-2">
            <p className="font-medium">{activityTitle(soon.activity)} now? You often go around this time.</p>
            <Button
              type="button"
              className="self-start"
              onClick={() => {
                fill({ kind: "post", activity: soon.activity });
                jump("compose");
              }}
            >
              Post {soon.activity}
            </Button>
          </div>
        )}
        {habit && (
          <div className="flex flex-col gap-2">
            <p className="font-medium">
              You often go {habit.activity === soon?.activity ? "" : `${habit.activity} `}on {DAY_NAMES[habit.day]}s,{" "}
              <ClockRange from={habit.from} to={habit.to} />. Make it a standing plan?
            </p>
            <Button
              type="button"
              variant="secondary"
              className="self-start"
              onClick={() => {
                fill({ kind: "standing", activity: habit.activity, days: [habit.day], from: habit.from, to: habit.to });
                jump("standing");
              }}
            >
              Make it a standing plan
            </Button>
          </div>
        )}
        <div className="flex flex-wrap items-center justify-between gap-2 border-t border-brand-100 pt-3">
          <p className="text-sm text-brand-900">Worked out on this device from the plans you posted here — never sent to Overlap.</p>
          <Button type="button" variant="ghost" className="min-h-10 px-3 text-sm" onClick={dismiss}>
            Not now
          </Button>
        </div>
      </div>
    </section>
  );
}
