import type { FormState } from "@/lib/validation/form";

/** A failed action's message, right under the control that sent it. */
export function InlineError({ state }: { state: FormState }) {
  if (state.ok || !state.message) return null;
  return (
    <p role="alert" className="text-sm text-red-700">
      {state.message}
    </p>
  );
}
