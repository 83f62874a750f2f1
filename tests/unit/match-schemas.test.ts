import { describe, expect, it } from "vitest";
import { z } from "zod";
import { answerSchema, ASK_MAX_PEOPLE, askSchema, messageSchema, MESSAGE_MAX, onMyWaySchema, SPOT_MAX, spotSchema } from "@/lib/validation/matches";

const matchId = "2f1c6a52-7f0e-4c4b-9a53-2c1d5b7e9a10";

function fieldError(schema: z.ZodType, input: unknown, field: string): string | undefined {
  const result = schema.safeParse(input);
  if (result.success) throw new Error("expected a refusal");
  return (z.flattenError(result.error).fieldErrors as Record<string, string[] | undefined>)[field]?.[0];
}

describe("a meeting spot and a message", () => {
  it("are trimmed plain text within their lengths", () => {
    expect(spotSchema.parse({ matchId, spot: "  Steamer Lane, north end " }).spot).toBe("Steamer Lane, north end");
    expect(messageSchema.parse({ matchId, message: "x".repeat(MESSAGE_MAX) }).message).toHaveLength(MESSAGE_MAX);
    expect(spotSchema.parse({ matchId, spot: "Café “O Pescador” & bar's deck 🏄" }).spot).toBe("Café “O Pescador” & bar's deck 🏄");
  });

  it.each([
    ["empty", "", /Say where to meet/],
    ["blank", "   ", /Say where to meet/],
    ["over-long", "x".repeat(SPOT_MAX + 1), /80 characters/],
    ["a newline", "Steamer\nLane", /characters we can’t show/],
    ["a terminal escape", "Lane\u001b[31m", /characters we can’t show/],
    ["a bidi override", "evil\u202eeman", /characters we can’t show/],
    ["HTML", "<b>Lane</b>", /Plain text only/],
    ["a script", '<script>alert("x")</script>', /Plain text only/],
    ["only a zero-width space", "\u200b", /characters we can’t show/],
    ["only a Hangul filler", "\u3164", /characters we can’t show/],
    ["a tower of combining marks", "a" + "\u0301".repeat(20), /characters we can’t show/],
    ["nothing visible", "...", /at least one letter/],
  ])("refuses a spot with %s", (_what, spot, message) => {
    expect(fieldError(spotSchema, { matchId, spot }, "spot")).toMatch(message);
  });

  it("refuses an over-long or missing message", () => {
    expect(fieldError(messageSchema, { matchId, message: "x".repeat(MESSAGE_MAX + 1) }, "message")).toMatch(/140 characters/);
    expect(fieldError(messageSchema, { matchId }, "message")).toMatch(/Write a message/);
    expect(fieldError(messageSchema, { matchId, message: "<img src=x onerror=alert(1)>" }, "message")).toMatch(/Plain text only/);
  });

  it("refuses a made-up match id and extra fields", () => {
    expect(spotSchema.safeParse({ matchId: "1", spot: "Lane" }).success).toBe(false);
    expect(messageSchema.safeParse({ matchId, message: "hi", lat: "38.7" }).success).toBe(false);
  });
});

describe("answers", () => {
  it("offer only in, maybe and out, and arrival times of 10, 20, 30 or 60 minutes", () => {
    for (const answer of ["in", "maybe", "out"]) expect(answerSchema.parse({ matchId, answer }).answer).toBe(answer);
    for (const answer of ["declined", "", "IN"]) expect(answerSchema.safeParse({ matchId, answer }).success).toBe(false);
    expect(onMyWaySchema.parse({ matchId, minutes: "30" }).minutes).toBe(30);
    for (const minutes of ["5", "0", "-10", "45", "120", "1e3"]) expect(onMyWaySchema.safeParse({ matchId, minutes }).success).toBe(false);
  });
});

describe("an ask", () => {
  const friend = () => crypto.randomUUID();

  it("takes the chosen friends as one comma-separated field", () => {
    const [a, b] = [friend(), friend()];
    expect(askSchema.parse({ planId: matchId, friendIds: `${a},${b}` })).toEqual({ planId: matchId, friendIds: [a, b] });
  });

  it.each([
    ["nobody", "", /at least one close friend/],
    ["more than allowed", Array.from({ length: ASK_MAX_PEOPLE + 1 }, friend).join(","), new RegExp(`at most ${ASK_MAX_PEOPLE} people`)],
    ["something that is not an id", "ben", /from the list/],
  ])("refuses %s with a field error", (_label, friendIds, message) => {
    expect(fieldError(askSchema, { planId: matchId, friendIds }, "friendIds")).toMatch(message);
  });
});
