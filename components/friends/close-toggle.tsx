"use client";

import { useFormAction } from "@/components/ui/form-action";

import { InlineError } from "@/components/ui/inline-error";
import { type FormAction } from "@/lib/validation/form";

/** The "close friend" star: the viewer's own mark, never shown to the friend. */
export function CloseToggle({ action, friendId, friendName, close }: { action: FormAction; friendId: string; friendName: string; close: boolean }) {
  const [state, formAction, pending] = useFormAction(action, { failed: "Couldn’t save" });
  const shown = pending ? !close : close;
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        // Ignore repeat presses while a change is on its way (the button keeps focus meanwhile).
        if (pending) event.preventDefault();
      }}
      className="relative"
    >
      <input type="hidden" name="friendId" value={friendId} />
      <input type="hidden" name="close" value={String(!close)} />
      <button
        type="submit"
        aria-pressed={shown}
        aria-label={`Close friend: ${friendName}`}
        aria-disabled={pending || undefined}
        title={shown ? "Close friend" : "Mark as a close friend"}
        className={`flex h-11 w-11 items-center justify-center rounded-lg hover:bg-stone-100 ${shown ? "text-amber-600" : "text-stone-500 hover:text-stone-700"}`}
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          className="h-6 w-6"
          fill={shown ? "currentColor" : "none"}
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinejoin="round"
        >
          <path d="m12 3.5 2.6 5.3 5.9.9-4.3 4.1 1 5.8-5.2-2.7-5.2 2.7 1-5.8-4.3-4.1 5.9-.9L12 3.5Z" />
        </svg>
      </button>
      <div className="absolute top-full right-0 z-10 w-max max-w-56 rounded-md bg-white px-2 py-1 shadow empty:hidden">
        <InlineError state={state} />
      </div>
    </form>
  );
}
