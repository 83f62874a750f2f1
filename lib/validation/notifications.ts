import { z } from "./zod";

/** The newest notification id the viewer was shown; ids are positive 64-bit integers. */
export const markReadSchema = z.strictObject({
  upTo: z
    .string()
    .regex(/^[1-9][0-9]{0,18}$/)
    .transform((value) => BigInt(value)),
});
