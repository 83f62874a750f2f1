// What forms and their actions exchange. No zod here: forms in the browser import this, and the
// schemas' library stays on the server's side of them (field-errors.ts turns its errors into these).

/**
 * What every form action answers: success, or messages per field and for the whole form. `D` is what
 * a successful action hands back to its form (e.g. a new invite link's path, a new plan).
 */
export type FormState<D = Record<string, string>> = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  /** Echo of the non-secret values, so a failed submit does not empty the form. */
  values?: Record<string, string>;
  data?: D;
};

export const initialFormState: FormState<never> = { ok: false };

// React adds its own bookkeeping entries ($ACTION_…) to a server action's FormData.
const FRAMEWORK_FIELD = /^\$ACTION/;

export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (FRAMEWORK_FIELD.test(key)) continue;
    out[key] = typeof value === "string" ? value : "[file]";
  }
  return out;
}

/** The signature every form's server action has (React's useActionState). */
export type FormAction<D = Record<string, string>> = (previous: FormState<D>, formData: FormData) => Promise<FormState<D>>;

/** `action`, then `then` in the browser with its answer (close the form, list what it made …). */
export function followedBy<D>(action: FormAction<D>, then: (result: FormState<D>, formData: FormData) => void): FormAction<D> {
  return async (previous, formData) => {
    const result = await action(previous, formData);
    then(result, formData);
    return result;
  };
}
