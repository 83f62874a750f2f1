"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { keepFields } from "@/components/ui/keep-fields";
import { followedBy, initialFormState, type FormAction } from "@/lib/validation/form";
import type { OwnIntentView } from "@/lib/validation/intents";
import { OptionFields, WindowFields } from "./plan-fields";

/** Edits a plan's time, radius, audience and note in place; the activity and area stay. */
export function EditIntent({ intent, action }: { intent: OwnIntentView; action: FormAction }) {
  const [open, setOpen] = useState(false);
  const [state, formAction, pending] = useActionState(
    followedBy(action, (result) => {
      if (result.ok) setOpen(false);
    }),
    initialFormState,
  );

  if (!open) {
    return (
      <Button type="button" variant="secondary" className="min-h-10 px-3 text-sm" aria-label={`Edit ${intent.activity}`} onClick={() => setOpen(true)}>
        Edit
      </Button>
    );
  }
  return (
    <form action={formAction} onSubmit={keepFields(formAction)} noValidate className="flex w-full flex-col gap-4 rounded-xl border border-stone-200 bg-stone-50 p-4" aria-label={`Edit ${intent.activity}`}>
      <FormAlert message={state.ok ? undefined : state.message} />
      <input type="hidden" name="intentId" value={intent.id} />
      <WindowFields errors={state.fieldErrors ?? {}} idPrefix={`edit-${intent.id}`} initial={intent} />
      <OptionFields errors={state.fieldErrors ?? {}} idPrefix={`edit-${intent.id}`} initial={intent} />
      <p className="text-sm text-stone-600">To change the activity or the area, cancel this plan and post a new one.</p>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" pending={pending}>
          Save changes
        </Button>
        <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
          Keep as it was
        </Button>
      </div>
    </form>
  );
}
