import { z } from "./zod";
import { displayNameField, emailField, handleField, newPasswordField, passwordField } from "./fields";

/**
 * Where to go after signing in: a path on this site only (no "//host", no scheme, no backslash),
 * so the parameter cannot be turned into an open redirect. Anything else is quietly dropped.
 */
export const nextPathField = z
  .string()
  .regex(/^\/(?![/\\])[A-Za-z0-9/_-]{0,200}$/)
  .optional()
  .catch(undefined);

// Strict objects: a request carrying fields the form does not have is refused, not silently trimmed.
export const signUpSchema = z.strictObject({
  displayName: displayNameField,
  handle: handleField,
  email: emailField,
  password: newPasswordField,
  next: nextPathField,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.strictObject({
  email: emailField,
  password: passwordField,
  next: nextPathField,
});
export type SignInInput = z.infer<typeof signInSchema>;
