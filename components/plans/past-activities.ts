"use client";

import { useEffect, useState } from "react";
import { readHistory } from "./habit-store";
import { usePlans } from "./plans";

/** The activities of plans posted from this device (its private history), newest first, for suggestions. */
export function usePastActivities(): string[] {
  const { owner } = usePlans();
  const [activities, setActivities] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    void readHistory(owner).then((history) => {
      if (live) setActivities(history.map((plan) => plan.activity));
    });
    return () => {
      live = false;
    };
  }, [owner]);
  return activities;
}
