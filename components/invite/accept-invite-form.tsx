"use client";

import { useFormAction } from "@/components/ui/form-action";
import Link from "next/link";

import { Button, buttonClasses } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { type FormAction } from "@/lib/validation/form";

export function AcceptInviteForm({ action, token, inviterName }: { action: FormAction; token: string; inviterName: string }) {
  const [state, formAction, pending] = useFormAction(action, { failed: "Couldn’t accept the invite" });
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <FormAlert message={state.message} />
      <input type="hidden" name="token" value={token} />
      <Button type="submit" pending={pending}>
        Become friends with {inviterName}
      </Button>
      <Link href="/plans" className={buttonClasses("ghost")}>
        Not now
      </Link>
    </form>
  );
}
