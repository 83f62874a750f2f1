"use client";

import { useActionState } from "react";
import { InlineError } from "@/components/ui/inline-error";
import { SwitchTrack } from "@/components/ui/switch-track";
import { initialFormState, type FormAction } from "@/lib/validation/form";

/** The "close friend" switch: the viewer's own mark, never shown to the friend. */
export function CloseToggle({ action, friendId, friendName, close }: { action: FormAction; friendId: string; friendName: string; close: boolean }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const shown = pending ? !close : close;
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        // Ignore repeat presses while a change is on its way (the switch keeps focus meanwhile).
        if (pending) event.preventDefault();
      }}
      className="inline-flex w-full flex-col items-start gap-1 sm:w-auto"
    >
      <input type="hidden" name="friendId" value={friendId} />
      <input type="hidden" name="close" value={String(!close)} />
      <button
        type="submit"
        role="switch"
        aria-checked={shown}
        aria-label={`${friendName} is a close friend`}
        aria-disabled={pending || undefined}
        className="inline-flex min-h-10 items-center gap-2 rounded-lg px-2 text-sm font-medium text-stone-800 hover:bg-stone-100"
      >
        <SwitchTrack on={shown} />
        Close friend
      </button>
      <InlineError state={state} />
    </form>
  );
}
