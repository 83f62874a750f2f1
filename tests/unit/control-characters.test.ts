import { describe, expect, it } from "vitest";
import { withoutControlCharacters } from "@/lib/validation/fields";

// The one rule every free-text field applies (names, activities, notes); each field's own tests
// only check that it applies it.
describe("control characters in free text", () => {
  it.each([
    ["NUL", "\u0000"],
    ["a tab", "\t"],
    ["a newline", "\n"],
    ["a carriage return", "\r"],
    ["a terminal escape", "\u001b[31m"],
    ["DEL", "\u007f"],
    ["NEL (C1)", "\u0085"],
    ["CSI (C1)", "\u009b"],
    ["a line separator", "\u2028"],
    ["a paragraph separator", "\u2029"],
    ...["\u202a", "\u202b", "\u202c", "\u202d", "\u202e"].map((c) => [`bidi embedding/override U+${c.codePointAt(0)!.toString(16)}`, c]),
    ...["\u2066", "\u2067", "\u2068", "\u2069"].map((c) => [`bidi isolate U+${c.codePointAt(0)!.toString(16)}`, c]),
  ])("refuses %s", (_label, character) => {
    expect(withoutControlCharacters(`surf${character}now`)).toBe(false);
  });

  it.each([
    ["plain text", "Surfing at 7, bring wax!"],
    ["accents and non-Latin scripts", "Zoë · 東京 · علی · שלום"],
    ["emoji joined with ZWJ", "👩\u200D💻 coding"],
    ["Persian with a zero-width non-joiner", "علی\u200Cرضا"],
    ["left-to-right and right-to-left marks in mixed text", "שלום\u200E 2026\u200F"],
    ["a no-break space", "10\u00a0km"],
  ])("accepts %s", (_label, value) => {
    expect(withoutControlCharacters(value)).toBe(true);
  });
});
