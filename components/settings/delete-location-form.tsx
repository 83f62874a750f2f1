"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { initialFormState, type FormAction } from "@/lib/validation/form";

/** "Delete my location data now", with a second press to confirm. */
export function DeleteLocationForm({ action }: { action: FormAction }) {
  const [confirming, setConfirming] = useState(false);
  const [state, formAction, pending] = useActionState(async (previous: typeof initialFormState, formData: FormData) => {
    const result = await action(previous, formData);
    setConfirming(false);
    return result;
  }, initialFormState);
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <p className="text-stone-600">Deletes all your plans and the areas they were posted from — now, not at the next clean-up. What friends were already told stays in your ledger, and a friend you just matched with is not told about the same activity again for 6 hours.</p>
      {confirming ? (
        <div className="flex flex-wrap gap-2">
          <Button type="submit" pending={pending} variant="danger">
            Yes, delete my location data
          </Button>
          <Button type="button" variant="ghost" onClick={() => setConfirming(false)} disabled={pending}>
            Keep it
          </Button>
        </div>
      ) : (
        <Button type="button" variant="secondary" onClick={() => setConfirming(true)} className="self-start">
          Delete my location data now
        </Button>
      )}
      <FormAlert message={state.message} tone={state.ok ? "info" : "error"} />
    </form>
  );
}
