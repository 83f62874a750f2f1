"use client";

import { useFormAction } from "@/components/ui/form-action";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { keepFields } from "@/components/ui/keep-fields";
import { followedBy, initialFormState, type FormAction } from "@/lib/validation/form";
import type { OwnPlanView } from "@/lib/views/plans";
import { OptionFields } from "./plan-fields";
import { WindowFields } from "./window-fields";

/**
 * Edits a plan's time, radius, audience and note in place; the activity and area stay. `onDone` is
 * called with whether the changes were saved, when they were or when the person kept the plan as it was.
 */
export function EditPlan({ plan, action, onDone }: { plan: OwnPlanView; action: FormAction; onDone: (saved: boolean) => void }) {
  const [state, formAction, pending] = useFormAction(
    followedBy(action, (result) => {
      if (result.ok) onDone(true);
    }),
    { failed: "Couldn’t save your changes" },
  );
  // The Edit button that opened the form is gone: keyboard focus starts in the form, on its first choice.
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>("input[name$=-when-choice]:checked")?.focus();
  }, []);
  // After a refusal, focus goes to the first field in error: the Save button was disabled while the
  // answer was awaited, which drops focus to the top of the page.
  useEffect(() => {
    if (state !== initialFormState && !state.ok) form.current?.querySelector<HTMLElement>("[aria-invalid=true], button[type=submit]")?.focus();
  }, [state]);
  return (
    <form
      ref={form}
      action={formAction}
      onSubmit={keepFields(formAction)}
      onKeyDown={(event) => {
        if (event.key === "Escape" && !pending) onDone(false);
      }}
      noValidate
      className="flex w-full flex-col gap-4 rounded-xl border border-stone-200 bg-stone-50 p-4"
      aria-label={`Edit ${plan.activity}`}
    >
      <FormAlert message={state.ok ? undefined : state.message} />
      <input type="hidden" name="planId" value={plan.id} />
      {/* The plan's own window is what it shows first, whether it was posted for now or for later. */}
      <WindowFields errors={state.fieldErrors ?? {}} idPrefix={`edit-${plan.id}`} initial={plan} />
      <OptionFields errors={state.fieldErrors ?? {}} idPrefix={`edit-${plan.id}`} initial={plan} />
      <p className="text-sm text-stone-600">To change the activity or the area, cancel this plan and post a new one.</p>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" pending={pending}>
          Save changes
        </Button>
        <Button type="button" variant="ghost" onClick={() => onDone(false)}>
          Keep as it was
        </Button>
      </div>
    </form>
  );
}
