import { z } from "./zod";
import { idField } from "./fields";

// A match is named by id; a malformed id or an answer it does not offer is answered "not found"
// (the actions are ids-only): nothing about the match is told to a sender of made-up values.
export const answerSchema = z.strictObject({ matchId: idField, answer: z.enum(["in", "maybe", "out"]) });
export const onMyWaySchema = z.strictObject({
  matchId: idField,
  minutes: z.enum(["10", "20", "30", "60"]).transform((value) => Number(value) as 10 | 20 | 30 | 60),
});
