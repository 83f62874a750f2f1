import { describe, expect, it } from "vitest";
import { huddleWords, listNames } from "@/lib/meetup-words";

describe("names in a line about a huddle", () => {
  it("are listed with commas and a final 'and', and cut to three with a count of the rest", () => {
    expect(listNames([])).toBe("");
    expect(listNames(["Ana"])).toBe("Ana");
    expect(listNames(["Ana", "Ben"])).toBe("Ana and Ben");
    expect(listNames(["Ana", "Ben", "Cleo"])).toBe("Ana, Ben and Cleo");
    expect(listNames(["Ana", "Ben", "Cleo", "Dan"])).toBe("Ana, Ben, Cleo and Dan");
    expect(listNames(["Ana", "Ben", "Cleo", "Dan", "Eve"])).toBe("Ana, Ben, Cleo and 2 more");
  });

  it("put the reader first", () => {
    expect(huddleWords(["Ana", "Ben"], "surfing")).toBe("You, Ana and Ben are up for surfing");
    expect(huddleWords(["Ana", "Ben", "Cleo", "Dan"], "tennis")).toBe("You, Ana, Ben and 2 more are up for tennis");
  });
});
