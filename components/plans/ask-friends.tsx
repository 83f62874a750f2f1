"use client";

import { useFormAction } from "@/components/ui/form-action";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { FormAlert } from "@/components/ui/form-alert";
import { followedBy, type FormAction } from "@/lib/validation/form";
import { ASK_MAX_PEOPLE } from "@/lib/validation/plan-limits";
import type { CloseFriend, OwnPlanView } from "@/lib/views/plans";

/**
 * Sends a plan straight to chosen close friends ("Ana asks: up for surfing?"), besides waiting for a
 * match. They are told the activity and the time only — never an area. `onDone`: with how many were
 * asked (0: closed without asking).
 */
export function AskFriends({
  plan,
  friends,
  action,
  onDone,
}: {
  plan: OwnPlanView;
  friends: CloseFriend[];
  action: FormAction;
  onDone: (asked: number) => void;
}) {
  const [chosen, setChosen] = useState<Set<string>>(() => new Set());
  const [state, formAction, pending] = useFormAction(
    followedBy(action, (result, data) => {
      if (result.ok) onDone(String(data.get("friendIds")).split(",").length);
    }),
    { failed: "Couldn’t ask" },
  );
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>("input[type=checkbox]")?.focus();
  }, []);
  const toggle = (ids: string[], on: boolean) =>
    setChosen((before) => {
      const next = new Set(before);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  const everyone = friends.length > 0 && friends.every((friend) => chosen.has(friend.id));
  const asked = new Set(plan.matches.filter((match) => match.asked).map((match) => match.friend.name));
  const errorId = `ask-${plan.id}-error`;
  return (
    <form
      ref={form}
      action={formAction}
      onKeyDown={(event) => {
        if (event.key === "Escape" && !pending) onDone(0);
      }}
      noValidate
      className="flex w-full flex-col gap-3 rounded-xl border border-stone-200 bg-stone-50 p-4"
      aria-label={`Ask friends about ${plan.activity}`}
    >
      <FormAlert message={state.ok || state.fieldErrors?.friendIds ? undefined : state.message} />
      <input type="hidden" name="planId" value={plan.id} />
      <input type="hidden" name="friendIds" value={[...chosen].join(",")} />
      <fieldset className="flex flex-col gap-1" aria-describedby={`ask-${plan.id}-hint${state.fieldErrors?.friendIds ? ` ${errorId}` : ""}`}>
        <legend className="text-sm font-semibold text-stone-800">Ask close friends directly</legend>
        {friends.length > 1 && (
          <label className="flex min-h-11 items-center gap-3 font-medium text-stone-900">
            <input
              type="checkbox"
              checked={everyone}
              onChange={(event) =>
                toggle(
                  friends.map((friend) => friend.id),
                  event.target.checked,
                )
              }
              className="h-5 w-5 accent-brand-700"
            />
            All close friends ({friends.length})
          </label>
        )}
        {friends.map((friend) => (
          <label key={friend.id} className="flex min-h-11 items-center gap-3 text-stone-800">
            <input
              type="checkbox"
              checked={chosen.has(friend.id)}
              onChange={(event) => toggle([friend.id], event.target.checked)}
              className="h-5 w-5 accent-brand-700"
            />
            <span className="wrap-anywhere">
              {friend.displayName}
              {asked.has(friend.displayName) && <span className="ml-2 text-sm text-stone-500">(asked already)</span>}
            </span>
          </label>
        ))}
      </fieldset>
      <p id={`ask-${plan.id}-hint`} className="text-sm text-stone-600">
        They’re told “up for {plan.activity}?” and its time — not your area — and can answer at once. Up to {ASK_MAX_PEOPLE} at a time.
      </p>
      <FieldError id={errorId} message={state.fieldErrors?.friendIds?.[0]} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" pending={pending}>
          Ask {chosen.size > 0 ? `${chosen.size} ${chosen.size === 1 ? "friend" : "friends"}` : ""}
        </Button>
        <Button type="button" variant="ghost" onClick={() => onDone(0)}>
          Not now
        </Button>
      </div>
    </form>
  );
}
