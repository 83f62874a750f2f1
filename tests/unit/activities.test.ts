import { describe, expect, it } from "vitest";
import { suggestActivities, tidyActivity } from "@/lib/activities";
import { PRESET_ACTIVITIES } from "@/lib/validation/plans";

describe("activity suggestions", () => {
  const known = ["Beach volleyball", "kite surfing", ...PRESET_ACTIVITIES];

  it("finds an activity containing what was typed, whatever its case and spaces", () => {
    expect(suggestActivities("volleyball", known)).toEqual(["beach volleyball"]);
    expect(suggestActivities("BoardGames", known)).toEqual(["board games"]);
    expect(suggestActivities("  KITE  ", known)).toEqual(["kite surfing"]);
  });

  it("puts activities starting with the text first, then keeps the given order", () => {
    expect(suggestActivities("surf", known)).toEqual(["surfing", "kite surfing"]);
    expect(suggestActivities("ing", ["hiking", "climbing", "sing"])).toEqual(["hiking", "climbing", "sing"]);
  });

  it("ignores accents, and does not suggest what was typed back", () => {
    expect(suggestActivities("cafe", ["Café au lait"])).toEqual(["café au lait"]);
    expect(suggestActivities("Tennis", known)).toEqual([]);
    expect(suggestActivities("board  games", known)).toEqual([]);
  });

  it("says nothing for under two letters, lists each activity once, and at most four", () => {
    expect(suggestActivities("s", known)).toEqual([]);
    expect(suggestActivities("ing", ["Surfing", "surfing", "SURFING"])).toEqual(["surfing"]);
    expect(suggestActivities("in", known)).toHaveLength(4);
  });

  it("tidies as the server stores activities", () => {
    expect(tidyActivity("  Beach   Volleyball ")).toBe("beach volleyball");
  });
});
