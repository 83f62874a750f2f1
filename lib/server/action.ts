import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { ExpectedError } from "./errors";
import { fieldErrorsOf, formDataToObject, type FormAction, type FormState } from "@/lib/validation/form";


const UNEXPECTED = "Something went wrong on our side. Please try again.";

// Values echoed back to refill a form after an error; secrets are never sent back.
function echo(raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === "string" && !/password/i.test(key)) out[key] = value.slice(0, 500);
  }
  return out;
}

type Context = { headers: Headers };

/**
 * Wraps a public server action (sign-up, sign-in): parse the form with the shared zod schema, call the
 * handler, map errors. Actions for signed-in users will add the session re-check here.
 */
export function publicAction<S extends z.ZodType>(
  schema: S,
  handler: (input: z.output<S>, context: Context) => Promise<FormState | void>,
): FormAction {
  return async (_previous, formData) => {
    const raw = formDataToObject(formData);
    const values = echo(raw);
    try {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return { ok: false, ...fieldErrorsOf(parsed.error), values };
      const result = await handler(parsed.data, { headers: await headers() });
      return result ? { ...result, values: result.ok ? undefined : values } : { ok: true };
    } catch (error) {
      unstable_rethrow(error); // redirect() and notFound() are control flow, not failures
      if (error instanceof ExpectedError) return { ok: false, message: error.message, values };
      console.error("Server action failed:", error);
      return { ok: false, message: UNEXPECTED, values };
    }
  };
}
