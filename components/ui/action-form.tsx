"use client";

import { useFormAction } from "@/components/ui/form-action";
import { type ReactNode } from "react";
import { FormAlert } from "@/components/ui/form-alert";
import { type FormAction } from "@/lib/validation/form";

type Slots = {
  errors: Record<string, string[] | undefined>;
  /** What the user typed last time (secrets excluded), to refill the form after an error. */
  values: Record<string, string>;
  pending: boolean;
};

/** A form bound to a server action: form-level message on top, field errors and values for the fields. */
export function ActionForm({ action, children }: { action: FormAction; children: (slots: Slots) => ReactNode }) {
  const [state, formAction, pending] = useFormAction(action);
  return (
    <form action={formAction} noValidate className="flex flex-col gap-5">
      <FormAlert message={state.message} />
      {children({ errors: state.fieldErrors ?? {}, values: state.values ?? {}, pending })}
    </form>
  );
}
