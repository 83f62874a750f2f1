"use client";

import { useFormAction } from "@/components/ui/form-action";

import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { type FormAction } from "@/lib/validation/form";
import { ARRIVAL_MINUTES, type Answer } from "@/lib/views/matches";

const ANSWERS: { value: Answer; label: string }[] = [
  { value: "in", label: "I’m in" },
  { value: "maybe", label: "Maybe" },
  { value: "out", label: "Can’t make it" },
];

/** One tap: "I'm in", "Maybe" or "Can't make it"; the chosen one is pressed. Changeable until the window ends. */
export function AnswerButtons({ matchId, current, action }: { matchId: string; current: Answer | null; action: FormAction }) {
  const [state, formAction, pending] = useFormAction(action, { failed: "Couldn’t send your answer" });
  return (
    <form action={formAction} className="flex flex-col gap-2">
      <input type="hidden" name="matchId" value={matchId} />
      <div role="group" aria-label="Your answer" className="flex flex-wrap gap-2">
        {ANSWERS.map(({ value, label }) => (
          <Button
            key={value}
            type="submit"
            name="answer"
            value={value}
            variant={current === value ? "primary" : "secondary"}
            aria-pressed={current === value}
            disabled={pending}
            className="min-w-28"
          >
            {label}
          </Button>
        ))}
      </div>
      <InlineError state={state} />
    </form>
  );
}

/** "On my way" with a rough arrival time the user picks — never a position, a distance or a direction. */
export function OnMyWay({ matchId, action }: { matchId: string; action: FormAction }) {
  const [state, formAction, pending] = useFormAction(action, { failed: "Couldn’t send your answer" });
  return (
    <form action={formAction} className="flex flex-col gap-2">
      <input type="hidden" name="matchId" value={matchId} />
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-sm font-medium text-stone-800">
          There in about
          <select name="minutes" defaultValue="20" className="min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-base">
            {ARRIVAL_MINUTES.map((minutes) => (
              <option key={minutes} value={minutes}>
                {minutes} min
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" variant="secondary" pending={pending}>
          On my way
        </Button>
      </div>
      <InlineError state={state} />
    </form>
  );
}
