"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { initialFormState, type FormAction } from "@/lib/validation/form";

type Props = {
  action: FormAction;
  /** Hidden fields naming what the action is about (ids). */
  fields: Record<string, string>;
  label: string;
  /** Accessible name when the visible label is ambiguous in a list ("Remove Alex"). */
  ariaLabel?: string;
  variant?: "primary" | "secondary" | "ghost" | "danger";
  /** When set, the first click asks for confirmation with this text before anything is sent. */
  confirm?: string;
};

/** One button that runs a server action about one thing, with pending state and an inline error. */
export function InlineAction({ action, fields, label, ariaLabel, variant = "secondary", confirm }: Props) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const [asking, setAsking] = useState(false);
  const danger = variant === "danger";
  const buttonVariant = danger ? "secondary" : variant;
  const dangerClass = danger ? "text-red-700" : "";
  return (
    <form action={formAction} className="inline-flex flex-col items-start gap-1">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {confirm && !asking ? (
        <Button type="button" variant={buttonVariant} className={`min-h-10 px-3 text-sm ${dangerClass}`} aria-label={ariaLabel} onClick={() => setAsking(true)}>
          {label}
        </Button>
      ) : (
        <span className="inline-flex items-center gap-2">
          {confirm && <span className="text-sm text-stone-700">{confirm}</span>}
          <Button
            type="submit"
            variant={buttonVariant}
            pending={pending}
            className={`min-h-10 px-3 text-sm ${dangerClass}`}
            aria-label={confirm ? undefined : ariaLabel}
          >
            {confirm ? "Yes" : label}
          </Button>
          {confirm && (
            <Button type="button" variant="ghost" className="min-h-10 px-3 text-sm" onClick={() => setAsking(false)}>
              No
            </Button>
          )}
        </span>
      )}
      <InlineError state={state} />
    </form>
  );
}
