import { z } from "./zod";

// Building blocks shared by every form. Messages are written for the person filling the form in.

/** A string field whose "missing" and "wrong type" cases both read as a plain request. */
export function text(missing: string) {
  return z.string({ error: () => missing });
}

export const emailField = text("Enter your email address")
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address")
  .max(254, "That email address is too long")
  .pipe(z.email("Enter a valid email address, like name@example.com"));

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
export const DISPLAY_NAME_MAX = 50;
export const HANDLE_MIN = 3;
export const HANDLE_MAX = 20;

// Free text a person types (names and activities, which friends are shown; notes, which only their
// author is) is refused when it holds what garbles or disguises it on screen, in notifications,
// pushes and exports: control characters (C0, DEL, C1: newlines, tabs, terminal escapes), line and
// paragraph separators, and the bidi embeddings, overrides and isolates that reorder whatever follows
// them ("evil\u202Eeman"). The marks LRM/RLM and the joiners ZWJ/ZWNJ are not refused: mixed-direction
// text and emoji need them.
const CONTROL_CHARACTERS = /[\p{Cc}\p{Zl}\p{Zp}\u202a-\u202e\u2066-\u2069]/u;

/** Whether `value` is free of the characters every free-text field refuses (above). */
export function withoutControlCharacters(value: string): boolean {
  return !CONTROL_CHARACTERS.test(value);
}

// A name, a meeting spot or a message is shown on friends' screens: besides control characters,
// refuse what could impersonate or hide there — invisible format characters (zero-width spaces,
// bidi marks; the joiners ZWJ/ZWNJ stay, real names and emoji need them), Hangul fillers that render
// as blanks, and towers of combining marks — and require something visible.
const INVISIBLE_FORMAT = /(?![\u200c\u200d])\p{Cf}/u;
const BLANK_LOOKALIKES = /[\u115f\u1160\u3164\uffa0]/u;
const COMBINING_TOWER = /\p{M}{4,}/u;
const VISIBLE = /[\p{L}\p{N}\p{Extended_Pictographic}]/u;

/** Whether `value` can be shown to friends as it is (above). */
export function showsAsTyped(value: string): boolean {
  return withoutControlCharacters(value) && !INVISIBLE_FORMAT.test(value) && !BLANK_LOOKALIKES.test(value) && !COMBINING_TOWER.test(value);
}

/** Whether `value` has at least one letter, number or emoji. */
export function hasVisibleCharacter(value: string): boolean {
  return VISIBLE.test(value);
}

export const displayNameField = text("Enter your name")
  .trim()
  .normalize("NFC")
  .min(1, { error: "Enter your name", abort: true })
  .max(DISPLAY_NAME_MAX, `Keep your name to ${DISPLAY_NAME_MAX} characters or fewer`)
  .refine(showsAsTyped, "Your name contains characters we can’t show")
  .refine(hasVisibleCharacter, "Your name needs at least one letter, number or emoji");

function handle(missing: string) {
  return text(missing)
    .trim()
    .min(1, missing)
    .toLowerCase()
    .transform((value) => value.replace(/^@/, ""))
    .pipe(
      z
        .string()
        .min(HANDLE_MIN, `Handles have at least ${HANDLE_MIN} characters`)
        .max(HANDLE_MAX, `Handles have at most ${HANDLE_MAX} characters`)
        .regex(/^[a-z0-9_]+$/, "Use only letters, numbers and underscores (no spaces)"),
    );
}

/** A new handle, chosen at sign-up. */
export const handleField = handle("Choose a handle");
/** Someone else's handle, typed to find them. */
export const handleLookupField = handle("Enter your friend’s handle");

/** An id of a row the viewer acts on; only ever a UUID. */
export const idField = z.uuid();

export const newPasswordField = text("Choose a password")
  .min(1, { error: "Choose a password", abort: true })
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters`);

export const passwordField = text("Enter your password").min(1, "Enter your password").max(PASSWORD_MAX, "That password is too long");

/** One of a fixed set of values, sent as a string (radio buttons, selects). */
export const choice = <T extends readonly (string | number)[]>(values: T, message: string) =>
  z.string({ error: () => message }).refine((value) => values.map(String).includes(value), message);
