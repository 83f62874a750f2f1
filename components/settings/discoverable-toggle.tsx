"use client";

import { useFormAction } from "@/components/ui/form-action";

import { InlineError } from "@/components/ui/inline-error";
import { SwitchTrack } from "@/components/ui/switch-track";
import { type FormAction } from "@/lib/validation/form";

/** The "people can add me by handle" switch. */
export function DiscoverableToggle({ action, discoverable }: { action: FormAction; discoverable: boolean }) {
  const [state, formAction, pending] = useFormAction(action, { failed: "Couldn’t save" });
  const shown = pending ? !discoverable : discoverable;
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        // Ignore repeat presses while a change is on its way (the switch keeps focus meanwhile).
        if (pending) event.preventDefault();
      }}
      className="flex flex-col gap-1"
    >
      <input type="hidden" name="discoverable" value={String(!discoverable)} />
      <button
        type="submit"
        role="switch"
        aria-checked={shown}
        aria-describedby="discoverable-help"
        aria-disabled={pending || undefined}
        className="flex min-h-11 w-full items-center justify-between gap-4 rounded-lg text-left"
      >
        <span className="font-medium text-stone-900">Let people add me by my handle</span>
        <SwitchTrack on={shown} />
      </button>
      <p id="discoverable-help" className="text-sm text-stone-600">
        When this is off, nobody can send you a friend request by your handle: they are told no one can be added with it. Invite links still work.
      </p>
      <InlineError state={state} />
    </form>
  );
}
