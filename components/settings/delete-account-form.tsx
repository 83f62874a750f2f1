"use client";

import { useFormAction } from "@/components/ui/form-action";

import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { type FormAction } from "@/lib/validation/form";

/** Deleting the account: the password again, then everything goes and every session ends. */
export function DeleteAccountForm({ action }: { action: FormAction }) {
  const [state, formAction, pending] = useFormAction(action, { failed: "Couldn’t delete your account" });
  return (
    <form action={formAction} noValidate className="flex flex-col gap-4">
      <p className="text-stone-600">
        Removes your account and everything that refers to you — friends, plans, matches, notifications (including what friends’ inboxes say about you), the
        ledger and invites — and signs you out on every device. This cannot be undone.
      </p>
      <FormAlert message={state.fieldErrors?.password ? undefined : state.message} />
      <TextField name="password" type="password" label="Your password" autoComplete="current-password" errors={state.fieldErrors?.password} required />
      <Button type="submit" pending={pending} variant="danger" className="self-start">
        {pending ? "Deleting…" : "Delete my account"}
      </Button>
    </form>
  );
}
