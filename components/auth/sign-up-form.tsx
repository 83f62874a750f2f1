"use client";

import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { HANDLE_MAX, PASSWORD_MIN } from "@/lib/validation/fields";
import type { FormAction } from "@/lib/validation/form";

export function SignUpForm({ action, next }: { action: FormAction; next?: string }) {
  return (
    <ActionForm action={action}>
      {({ errors, values, pending }) => (
        <>
          {next && <input type="hidden" name="next" value={next} />}
          <TextField
            name="displayName"
            label="Your name"
            hint="What friends see when you match."
            autoComplete="name"
            required
            defaultValue={values.displayName}
            errors={errors.displayName}
          />
          <TextField
            name="handle"
            label="Handle"
            hint={`Letters, numbers and underscores, up to ${HANDLE_MAX}. Friends can add you by it.`}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            defaultValue={values.handle}
            errors={errors.handle}
          />
          <TextField name="email" type="email" label="Email" autoComplete="email" required defaultValue={values.email} errors={errors.email} />
          <TextField
            name="password"
            type="password"
            label="Password"
            hint={`At least ${PASSWORD_MIN} characters.`}
            autoComplete="new-password"
            required
            errors={errors.password}
          />
          <Button type="submit" pending={pending}>
            {pending ? "Creating your account…" : "Create account"}
          </Button>
        </>
      )}
    </ActionForm>
  );
}
