"use client";

import { useFormAction } from "@/components/ui/form-action";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { useFocusBack } from "@/components/ui/focus-back";
import { InlineError } from "@/components/ui/inline-error";
import { useNotice } from "@/components/ui/notice";
import { followedBy, type FormAction } from "@/lib/validation/form";

type Props = {
  action: FormAction;
  /** Hidden fields naming what the action is about (ids). */
  fields: Record<string, string>;
  label: string;
  /** Accessible name when the visible label is ambiguous in a list ("Remove Alex"). */
  ariaLabel?: string;
  variant?: "primary" | "secondary" | "ghost" | "danger";
  /** When set, the first click asks this question before anything is sent. */
  confirm?: string;
  /** Said in the enclosing NoticeArea once the action went through (its row is then usually gone). */
  done?: string;
};

/**
 * One button that runs a server action about one thing, with pending state and an inline error.
 * While it asks its question the form carries `data-asking` (see ROW_ACTIONS).
 */
export function InlineAction({ action, fields, label, ariaLabel, variant = "secondary", confirm, done }: Props) {
  const announce = useNotice();
  // Announced from the action's answer: by the time it renders, the row may be gone with this form.
  const [state, formAction, pending] = useFormAction(
    done
      ? followedBy(action, (result) => {
          if (result.ok) announce(done);
        })
      : action,
  );
  const [asking, setAsking] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const no = useRef<HTMLButtonElement>(null);
  // In a list a destructive action is a quiet button; its "Yes" is the red one.
  const buttonVariant = variant === "danger" ? "danger-secondary" : variant;
  const size = "min-h-10 px-3 text-sm";

  // Keep keyboard focus where the user is: on "No" when the question opens, back on the trigger after.
  useEffect(() => {
    if (asking) no.current?.focus();
  }, [asking]);
  useFocusBack(asking, trigger);

  const hidden = Object.entries(fields).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);

  if (!confirm) {
    return (
      <form action={formAction} className="inline-flex flex-col items-start gap-1">
        {hidden}
        <Button type="submit" variant={buttonVariant} pending={pending} className={size} aria-label={ariaLabel}>
          {label}
        </Button>
        <InlineError state={state} />
      </form>
    );
  }

  return (
    <form action={formAction} className="inline-flex flex-col items-start gap-1" data-asking={asking || pending || undefined}>
      {hidden}
      {asking || pending ? (
        <div
          role="group"
          aria-label={confirm}
          className="flex max-w-md flex-col gap-2 rounded-lg border border-stone-200 bg-stone-50 p-3"
          onKeyDown={(event) => {
            if (event.key === "Escape") setAsking(false);
          }}
        >
          <p className="text-sm text-stone-700">{confirm}</p>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant={variant} pending={pending} className={size} aria-label={`Yes, ${ariaLabel ?? label}`}>
              Yes, {label.toLowerCase()}
            </Button>
            <Button ref={no} type="button" variant="ghost" className="min-h-10 px-3 text-sm" onClick={() => setAsking(false)}>
              No
            </Button>
          </div>
        </div>
      ) : (
        <Button ref={trigger} type="button" variant={buttonVariant} className={size} aria-label={ariaLabel} onClick={() => setAsking(true)}>
          {label}
        </Button>
      )}
      <InlineError state={state} />
    </form>
  );
}
