import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { fieldErrorsOf } from "@/lib/validation/field-errors";
import { formDataToObject, type FormAction, type FormState } from "@/lib/validation/form";
import type { SessionUser } from "@/lib/views/account";
import { currentUser } from "./auth/auth";
import { ExpectedError, isDatabaseUnavailable, NotFoundError } from "./errors";
import { logThrottled } from "./log";

// Server actions are public endpoints. Every one goes through here: (session re-check) → zod parse
// → handler → expected errors shown as they are, anything else logged and answered generically.

const UNEXPECTED = "Something went wrong on our side. Please try again.";
const SIGNED_OUT = "You’re signed out. Sign in again to continue.";
const UNREADABLE = "This form could not be read. Reload the page and try again.";
export const BUSY = "We’re very busy or can’t reach our database just now. Please try again in a moment.";

// Values echoed back to refill a form after an error. Never sent back: secrets, and the area cell
// a plan form carries (the app never hands a cell id to the browser).
function echo(raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === "string" && !/password/i.test(key) && key !== "cell") out[key] = value.slice(0, 500);
  }
  return out;
}

type Options = {
  /**
   * For actions on a thing named by id (accept this request, remove this friend): a malformed id
   * gets the same "not found" answer as someone else's, instead of a field error.
   */
  idsOnly?: boolean;
};

function wrap<S extends z.ZodType, C, D>(
  schema: S,
  context: () => Promise<C | null>,
  handler: (input: z.output<S>, context: C) => Promise<FormState<D> | void>,
  options: Options,
): FormAction<D> {
  return async (_previous, formData) => {
    // Anyone can call an action with arguments of their choosing (any body React can decode):
    // only a FormData is a form, anything else gets the answer a mangled form does.
    if (!(formData instanceof FormData)) {
      logThrottled("action-malformed", "Server action called without form data; answered as a form it cannot read");
      return { ok: false, message: UNREADABLE };
    }
    const raw = formDataToObject(formData);
    const values = echo(raw);
    try {
      const ctx = await context();
      if (ctx === null) return { ok: false, message: SIGNED_OUT };
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        if (options.idsOnly) throw new NotFoundError();
        return { ok: false, ...fieldErrorsOf(parsed.error), values };
      }
      const result = await handler(parsed.data, ctx);
      return result ? { ...result, values: result.ok ? undefined : values } : { ok: true };
    } catch (error) {
      unstable_rethrow(error); // redirect() and notFound() are control flow, not failures
      if (error instanceof ExpectedError) return { ok: false, message: error.message, values };
      if (isDatabaseUnavailable(error)) {
        // Expected while the database is away or overloaded: one line, no stack.
        logThrottled("action-busy", `Server action answered busy: ${String((error as Error).message).split("\n")[0]}`);
        return { ok: false, message: BUSY, values };
      }
      console.error("Server action failed:", error);
      return { ok: false, message: UNEXPECTED, values };
    }
  };
}

type PublicContext = { headers: Headers };
export type UserContext = { user: SessionUser };

/** An action anyone may call (sign-up, sign-in). */
export function publicAction<S extends z.ZodType, D = Record<string, string>>(
  schema: S,
  handler: (input: z.output<S>, context: PublicContext) => Promise<FormState<D> | void>,
  options: Options = {},
): FormAction<D> {
  return wrap(schema, async () => ({ headers: await headers() }), handler, options);
}

/** An action for signed-in users: the session is checked on every call, before anything is parsed. */
export function userAction<S extends z.ZodType, D = Record<string, string>>(
  schema: S,
  handler: (input: z.output<S>, context: UserContext) => Promise<FormState<D> | void>,
  options: Options = {},
): FormAction<D> {
  return wrap(
    schema,
    async () => {
      const user = await currentUser();
      return user ? { user } : null;
    },
    handler,
    options,
  );
}
