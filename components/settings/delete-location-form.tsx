"use client";

import { useFormAction } from "@/components/ui/form-action";
import { useRef, useState } from "react";
import { forgetHistory } from "@/components/plans/habit-store";
import { Button } from "@/components/ui/button";
import { type FormAction, type FormState } from "@/lib/validation/form";

/** "Delete my location data now", with a second press to confirm. Focus follows the buttons as they swap. */
export function DeleteLocationForm({ action }: { action: FormAction }) {
  const [confirming, setConfirming] = useState(false);
  const start = useRef<HTMLButtonElement>(null);
  const back = () => {
    setConfirming(false);
    requestAnimationFrame(() => start.current?.focus());
  };
  const [state, formAction, pending] = useFormAction(
    async (previous: FormState, formData: FormData) => {
      // This device's plan history (its suggestions) and usual area go too — first, so that they go
      // even when the answer is lost on its way back.
      await forgetHistory();
      try {
        return await action(previous, formData);
      } finally {
        back();
      }
    },
    { failed: "Couldn’t delete" },
  );
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <p className="text-stone-600">
        Deletes all your plans and standing plans, the areas they were posted from and the meeting spots you suggested — now, not at the next clean-up — and the
        history of your plans this device keeps for suggestions. Friends in a meet-up with you see you’re out. What friends were already told stays in your
        ledger, and a friend you just matched with is not told about the same activity again for 6 hours.
      </p>
      {confirming ? (
        <div className="flex flex-wrap gap-2">
          {/* Focus moves to the button that replaced the one just pressed. */}
          <Button type="submit" pending={pending} variant="danger" autoFocus>
            Yes, delete my location data
          </Button>
          <Button type="button" variant="ghost" onClick={back} disabled={pending}>
            Keep it
          </Button>
        </div>
      ) : (
        <Button ref={start} type="button" variant="secondary" onClick={() => setConfirming(true)} className="self-start">
          Delete my location data now
        </Button>
      )}
      {/* One region each, always there, so the outcome is announced. */}
      <p role="status" className="text-sm font-medium text-brand-800">
        {state.ok ? state.message : ""}
      </p>
      <p role="alert" className="text-sm font-medium text-red-700">
        {state.ok ? "" : state.message}
      </p>
    </form>
  );
}
