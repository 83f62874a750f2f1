import { z } from "zod";

export const PAUSE_CHOICES = { "1h": "for 1 hour", "8h": "for 8 hours", off: "until I turn it back on" } as const;

export const pauseSchema = z.strictObject({
  duration: z.enum(["1h", "8h", "off"], { error: () => "Choose how long to pause" }),
});
export const resumeSchema = z.strictObject({});

/** "Until I turn it back on" is stored as a date far beyond any plan. */
export const PAUSED_INDEFINITELY = new Date("9999-12-31T00:00:00Z");

export function pauseEnd(duration: z.output<typeof pauseSchema>["duration"], now: Date): Date {
  if (duration === "off") return PAUSED_INDEFINITELY;
  return new Date(now.getTime() + (duration === "1h" ? 1 : 8) * 3_600_000);
}
