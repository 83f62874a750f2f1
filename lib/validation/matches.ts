import { z } from "./zod";
import { hasVisibleCharacter, idField, showsAsTyped, text } from "./fields";
import { ASK_MAX_PEOPLE } from "./plan-limits";

export { ASK_MAX_PEOPLE };

// A match is named by id; a malformed id or an answer it does not offer is answered "not found"
// (the answer actions are ids-only): nothing about the match is told to a sender of made-up values.
export const answerSchema = z.strictObject({ matchId: idField, answer: z.enum(["in", "maybe", "out"]) });
export const onMyWaySchema = z.strictObject({
  matchId: idField,
  minutes: z.enum(["10", "20", "30", "60"]).transform((value) => Number(value) as 10 | 20 | 30 | 60),
});

export const SPOT_MAX = 80;
export const MESSAGE_MAX = 140;

/**
 * Words typed for a friend: plain text, shown escaped anyway. Markup is refused outright rather than
 * shown as symbols: nobody means "<b>" in "Steamer Lane".
 */
function words(max: number, missing: string, what: string) {
  return text(missing)
    .trim()
    .normalize("NFC")
    .min(1, { error: missing, abort: true })
    .max(max, `Keep the ${what} to ${max} characters`)
    .refine(showsAsTyped, `The ${what} contains characters we can’t show`)
    .refine((value) => !/[<>]/.test(value), `Plain text only: the ${what} can’t contain < or >`)
    .refine(hasVisibleCharacter, `The ${what} needs at least one letter, number or emoji`);
}

export const spotSchema = z.strictObject({ matchId: idField, spot: words(SPOT_MAX, "Say where to meet", "spot") });
export const messageSchema = z.strictObject({ matchId: idField, message: words(MESSAGE_MAX, "Write a message", "message") });

/** One tap instead of typing. */
export const QUICK_REPLIES = ["Running 10 min late", "Here now", "See you there", "Bring a spare?"] as const;

/** An ask: the plan, and the close friends chosen (their ids, comma-separated: one form field). */
export const askSchema = z.strictObject({
  planId: idField,
  friendIds: z
    .string({ error: () => "Choose who to ask" })
    .transform((value) => value.split(",").filter(Boolean))
    .pipe(
      z
        .array(z.uuid("Choose who to ask from the list"))
        .min(1, "Choose at least one close friend to ask")
        .max(ASK_MAX_PEOPLE, `Ask at most ${ASK_MAX_PEOPLE} people at once`),
    ),
});
