"use client";

import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import type { FormAction } from "@/lib/validation/form";

export function SignInForm({ action, next }: { action: FormAction; next?: string }) {
  return (
    <ActionForm action={action}>
      {({ errors, values, pending }) => (
        <>
          {next && <input type="hidden" name="next" value={next} />}
          <TextField name="email" type="email" label="Email" autoComplete="email" required defaultValue={values.email} errors={errors.email} />
          <TextField name="password" type="password" label="Password" autoComplete="current-password" required errors={errors.password} />
          <Button type="submit" pending={pending}>
            {pending ? "Signing in…" : "Sign in"}
          </Button>
        </>
      )}
    </ActionForm>
  );
}
