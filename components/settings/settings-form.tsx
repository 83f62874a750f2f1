"use client";

import { useActionState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { keepFields } from "@/components/ui/keep-fields";
import { initialFormState, type FormAction } from "@/lib/validation/form";

type Slots = { errors: Record<string, string[] | undefined> };

/**
 * One card's settings, saved together with one button; "Saved." or the error is announced beside it.
 * What was chosen stays on screen after a save, refused or not (keepFields).
 */
export function SettingsForm({ action, label = "Save", children }: { action: FormAction; label?: string; children: (slots: Slots) => ReactNode }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form action={formAction} onSubmit={keepFields(formAction)} noValidate className="flex flex-col gap-5">
      {children({ errors: state.fieldErrors ?? {} })}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" pending={pending}>
          {pending ? "Saving…" : label}
        </Button>
        <p role="status" aria-live="polite" className={`text-sm ${state.ok ? "font-medium text-brand-800" : "text-red-700"}`}>
          {pending ? "" : state.message}
        </p>
      </div>
    </form>
  );
}
