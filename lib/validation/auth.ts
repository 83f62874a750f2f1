import { z } from "zod";
import { displayNameField, emailField, handleField, newPasswordField, passwordField } from "./fields";

// Strict objects: a request carrying fields the form does not have is refused, not silently trimmed.
export const signUpSchema = z.strictObject({
  displayName: displayNameField,
  handle: handleField,
  email: emailField,
  password: newPasswordField,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.strictObject({
  email: emailField,
  password: passwordField,
});
export type SignInInput = z.infer<typeof signInSchema>;
