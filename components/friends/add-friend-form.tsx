"use client";

import { useFormAction } from "@/components/ui/form-action";

import { Button } from "@/components/ui/button";
import { type FormAction } from "@/lib/validation/form";

export function AddFriendForm({ action }: { action: FormAction }) {
  const [state, formAction, pending] = useFormAction(action, { failed: "Couldn’t send the request" });
  const error = state.fieldErrors?.handle?.[0] ?? (!state.ok ? state.message : undefined);
  const describedBy = ["add-handle-hint", error ? "add-handle-result" : ""].filter(Boolean).join(" ");
  return (
    <form action={formAction} noValidate className="flex flex-col gap-2">
      <label htmlFor="add-handle" className="text-sm font-medium text-stone-800">
        Friend’s handle
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <div className="flex min-h-11 flex-1 items-center rounded-lg border border-stone-300 bg-white shadow-sm focus-within:border-brand-700 focus-within:ring-2 focus-within:ring-brand-700/20">
          <span aria-hidden="true" className="pl-3 text-stone-500">
            @
          </span>
          <input
            id="add-handle"
            name="handle"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            defaultValue={state.ok ? "" : state.values?.handle}
            key={state.ok ? "sent" : "editing"}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            className="min-h-11 w-full rounded-lg bg-transparent px-1 text-base focus:outline-none"
          />
        </div>
        <Button type="submit" pending={pending}>
          Send request
        </Button>
      </div>
      <p id="add-handle-hint" className="text-sm text-stone-600">
        Only people who allow it can be found by handle. They’ll see your request and can accept or decline.
      </p>
      <p id="add-handle-result" role="alert" className="text-sm font-medium text-red-700">
        {error ?? ""}
      </p>
      <p role="status" className="text-sm font-medium text-brand-800">
        {state.ok ? state.message : ""}
      </p>
    </form>
  );
}
