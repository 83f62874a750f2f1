import { z } from "./zod";

/** The newest notification the viewer was shown, by the id the server sealed for them (22 base64url characters). */
export const markReadSchema = z.strictObject({
  upTo: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
});
