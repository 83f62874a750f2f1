import type { FormState } from "./form";
import { z } from "./zod";

/** A refused parse as a form's answer: the first message per field, and one for the whole form. */
export function fieldErrorsOf(error: z.ZodError): Pick<FormState, "fieldErrors" | "message"> {
  const flat = z.flattenError(error);
  const unknownKeys = error.issues.filter((issue) => issue.code === "unrecognized_keys");
  const message =
    unknownKeys.length > 0
      ? "This form was sent with fields it does not have. Reload the page and try again."
      : (flat.formErrors[0] ?? "Please fix the highlighted fields.");
  return { fieldErrors: flat.fieldErrors as Record<string, string[]>, message };
}
