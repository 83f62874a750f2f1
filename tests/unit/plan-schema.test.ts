import { describe, expect, it } from "vitest";
import { z } from "zod";
import { snapToCell } from "@/lib/geo";
import { planFormSchema, resolveWindow, type PlanForm } from "@/lib/validation/plans";

const cell = snapToCell(38.6786, -9.3357, 7);
const good = { activity: "Surfing", when: "now", cell, travelKm: "10", audience: "close" };
const now = new Date("2026-11-26T10:00:00Z");
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();

function errors(input: unknown) {
  const result = planFormSchema.safeParse(input);
  if (result.success) throw new Error("expected a refusal");
  return z.flattenError(result.error);
}

describe("plan form", () => {
  it("normalises the activity: trimmed, spaces collapsed, case-folded", () => {
    expect(planFormSchema.parse({ ...good, activity: "  Board   GAMES " }).activity).toBe("board games");
  });

  it("accepts a short custom activity and refuses a long or empty one", () => {
    expect(planFormSchema.parse({ ...good, activity: "Kite foiling" }).activity).toBe("kite foiling");
    expect(errors({ ...good, activity: "x".repeat(33) }).fieldErrors.activity?.[0]).toMatch(/32 characters/);
    expect(errors({ ...good, activity: "   " }).fieldErrors.activity?.[0]).toMatch(/Choose an activity/);
  });

  it.each([[{ lat: "38.7", lng: "-9.1" }], [{ latitude: "38.7" }], [{ coords: "38.7,-9.1" }]])("refuses any request that carries coordinates: %j", (extra) => {
    expect(errors({ ...good, ...extra }).formErrors[0]).toMatch(/Unrecognized key/);
  });

  it.each([
    ["a res-8 cell (finer than a neighbourhood)", snapToCell(38.6786, -9.3357, 8 as 7)],
    ["a res-4 cell", snapToCell(38.6786, -9.3357, 4 as 7)],
    ["garbage", "hello"],
    ["coordinates in the cell field", "38.6786,-9.3357"],
  ])("refuses %s as the area", (_label, value) => {
    expect(errors({ ...good, cell: value }).fieldErrors.cell?.[0]).toMatch(/not one we accept/);
  });

  it("refuses an unknown audience or travel distance", () => {
    const { fieldErrors } = errors({ ...good, audience: "everyone", travelKm: "1000" });
    expect(fieldErrors.audience?.[0]).toMatch(/who can match/);
    expect(fieldErrors.travelKm?.[0]).toMatch(/how far/);
  });

  it("refuses a note over 140 characters", () => {
    expect(errors({ ...good, note: "n".repeat(141) }).fieldErrors.note?.[0]).toMatch(/140/);
  });

  // The rule itself: tests/unit/control-characters.test.ts.
  it("refuses control characters in the activity and the note", () => {
    const { fieldErrors } = errors({ ...good, activity: "surf\u202enow", note: "meet\u2028at the pier" });
    expect(fieldErrors.activity?.[0]).toMatch(/characters we can’t show/);
    expect(fieldErrors.note?.[0]).toMatch(/characters we can’t show/);
  });

  it("takes an optional post key, a UUID and nothing else", () => {
    const postKey = "0b6c1f7e-3d0a-4c55-9a55-7f7f5f0b2a11";
    expect(planFormSchema.parse({ ...good, postKey }).postKey).toBe(postKey);
    expect(planFormSchema.parse(good).postKey).toBeUndefined();
    for (const bad of ["", "1", "not-a-uuid", "' OR 1=1 --", `${postKey}0`]) {
      expect(errors({ ...good, postKey: bad }).fieldErrors.postKey?.[0]).toBe("This form is out of date. Reload the page and post again.");
    }
  });
});

describe("resolveWindow", () => {
  const form = (overrides: Partial<PlanForm>): PlanForm => ({ ...planFormSchema.parse(good), ...overrides });

  it("'now' means now until two hours from now", () => {
    expect(resolveWindow(form({ when: "now" }), now)).toEqual({ window: { startsAt: now, endsAt: new Date(at(120)) } });
  });

  it.each([
    [at(-10), at(60), "startsAt", /passed/],
    [at(8 * 24 * 60), at(8 * 24 * 60 + 60), "startsAt", /7 days/],
    [at(60), at(30), "endsAt", /after the start/],
    [at(60), at(70), "endsAt", /at least 15/],
    [at(60), at(60 + 12 * 60 + 1), "endsAt", /at most 12/],
    // Started within the grace: 16 minutes long, but only 14 of them still ahead.
    [at(-2), at(14), "endsAt", /at least 15 minutes from now/],
  ])("refuses %s → %s", (startsAt, endsAt, field, message) => {
    const result = resolveWindow(form({ when: "later", startsAt: new Date(startsAt), endsAt: new Date(endsAt) }), now);
    expect("errors" in result && result.errors[field]?.[0]).toMatch(message);
  });

  it("lets an edit keep a start in the past while the plan is under way, not once it has ended", () => {
    const underWay = form({ when: "later", startsAt: new Date(at(-90)), endsAt: new Date(at(30)) });
    expect(resolveWindow(underWay, now, { started: true })).toEqual({ window: { startsAt: new Date(at(-90)), endsAt: new Date(at(30)) } });
    expect(resolveWindow(underWay, now)).toEqual({ errors: { startsAt: ["That time has passed"] } }); // a new plan may not
    const ended = form({ when: "later", startsAt: new Date(at(-90)), endsAt: new Date(at(-10)) });
    expect(resolveWindow(ended, now, { started: true })).toEqual({ errors: { endsAt: ["That time has passed"] } });
    const tooLong = form({ when: "later", startsAt: new Date(at(-13 * 60)), endsAt: new Date(at(30)) });
    expect(resolveWindow(tooLong, now, { started: true })).toMatchObject({ errors: { endsAt: [expect.stringMatching(/at most 12/)] } });
  });

  it("accepts a later window within the rules", () => {
    const result = resolveWindow(form({ when: "later", startsAt: new Date(at(60)), endsAt: new Date(at(180)) }), now);
    expect(result).toEqual({ window: { startsAt: new Date(at(60)), endsAt: new Date(at(180)) } });
  });
});

describe("showing the note to matched friends", () => {
  it("is off unless the box is ticked, and takes no other value", () => {
    expect(planFormSchema.parse(good).shareNote).toBe(false);
    expect(planFormSchema.parse({ ...good, note: "spare board", shareNote: "true" }).shareNote).toBe(true);
    expect(errors({ ...good, shareNote: "yes" }).fieldErrors.shareNote?.[0]).toMatch(/Reload the page/);
  });
});

describe("group size", () => {
  it("is optional: nothing or an empty choice means any number", () => {
    expect(planFormSchema.parse(good)).toMatchObject({ groupMin: null, groupMax: null });
    expect(planFormSchema.parse({ ...good, groupMin: "", groupMax: "" })).toMatchObject({ groupMin: null, groupMax: null });
    expect(planFormSchema.parse({ ...good, groupMin: "3", groupMax: "4" })).toMatchObject({ groupMin: 3, groupMax: 4 });
  });

  it.each([
    ["groupMin", "2", /how many people at least/],
    ["groupMin", "11", /how many people at least/],
    ["groupMax", "1", /how many people at most/],
    ["groupMax", "four", /how many people at most/],
  ])("refuses %s = %j with a field error", (name, value, message) => {
    expect(errors({ ...good, [name]: value }).fieldErrors[name as keyof PlanForm]?.[0]).toMatch(message);
  });

  it("refuses 'at most' below 'at least', on the 'at most' field", () => {
    expect(errors({ ...good, groupMin: "5", groupMax: "4" }).fieldErrors.groupMax?.[0]).toBe("“At most” can’t be fewer than “at least”");
  });
});
