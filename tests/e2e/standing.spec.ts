import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { TZDate } from "@date-fns/tz";
import { ROOT, serverTsArgs } from "../../scripts/lib/paths.mjs";
import { captureAction, replayAction } from "./action-replay";
import type { Page } from "@playwright/test";
import { closeFriends, expect, expectNoAxeViolations, personAt, shoot, sql, test } from "./support";

// Standing plans: Ana and Ben each set "surfing, Saturday 7–10 AM" in Lisbon. With the job's clock at
// Saturday 6:30 there, each is told once that the other usually surfs Saturday mornings, and can answer.

test.describe.configure({ timeout: 120_000 });

const ZONE = "Europe/Lisbon";
const here = { latitude: 38.6786, longitude: -9.3357 };
const HOUR = 3_600_000;

/**
 * The first Saturday whose 7:00 in Lisbon is at least three hours away: 6:30 that day. (Within a day
 * of it the app's own job, on the real clock, makes the week's plans first — the same plans, once.)
 */
function saturdayMorning(): Date {
  for (let day = 0; day < 8; day++) {
    const d = new TZDate(Date.now() + day * 24 * HOUR, ZONE);
    const seven = new TZDate(d.getFullYear(), d.getMonth(), d.getDate(), 7, 0, ZONE);
    if (seven.getDay() === 6 && seven.getTime() >= Date.now() + 3 * HOUR) return new Date(seven.getTime() - 30 * 60_000);
  }
  throw new Error("no Saturday ahead");
}

/** The standing-plan job, run once with its clock at `at` (tests/support/spawn-standing.ts). */
async function runStandingJobAt(at: Date) {
  const [node, ...args] = [process.execPath, ...serverTsArgs(join(ROOT, "tests", "support", "spawn-standing.ts"), at.toISOString())];
  await promisify(execFile)(node, args, { env: process.env, cwd: ROOT });
}

async function setSaturdaySurf(page: Page, { shots = false } = {}) {
  await page.goto("/plans");
  await page.getByRole("button", { name: "+ Add a standing plan" }).click();
  const form = page.getByRole("form", { name: "Add a standing plan" });
  await form.getByRole("button", { name: "Use my area here" }).click();
  await expect(form.getByText(/We’ll keep an area of about 5 km²/)).toBeVisible();
  await form.getByText("Sat", { exact: true }).click();
  await expect(form.getByRole("checkbox", { name: "Saturday" })).toBeChecked();
  if (shots) {
    await expectNoAxeViolations(page);
    await shoot(page, "standing-set", { around: form });
  }
  await form.getByRole("button", { name: "Save standing plan" }).click();
  await expect(page.getByText("Saved. Each week’s plan appears a day before it starts.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Your standing plans" })).toContainText("Saturdays, 7:00 AM–10:00 AM");
}

test("two friends who both surf Saturday mornings are each told once, and can answer", async ({ browser }) => {
  const ana = await personAt(browser, "Ana Standing", here, { timezoneId: ZONE });
  const ben = await personAt(browser, "Ben Standing", here, { timezoneId: ZONE });
  await closeFriends(ana, ben);

  // A day is needed: refused with a field error, and nothing stored.
  await ana.page.goto("/plans");
  await ana.page.getByRole("button", { name: "+ Add a standing plan" }).click();
  const form = ana.page.getByRole("form", { name: "Add a standing plan" });
  await form.getByRole("button", { name: "Use my area here" }).click();
  await form.getByRole("button", { name: "Save standing plan" }).click();
  await expect(form.getByText("Choose at least one day")).toBeVisible();
  expect(await sql("SELECT 1 FROM standing_plans WHERE user_id = $1", [ana.id])).toHaveLength(0);
  await form.getByRole("button", { name: "Not now" }).click();

  await setSaturdaySurf(ana.page, { shots: true });
  await setSaturdaySurf(ben.page);
  await shoot(ana.page, "standing-list", { around: ana.page.getByRole("region", { name: "Standing plans" }) });
  const [stored] = await sql<{ days: number[]; start_minute: number; end_minute: number; time_zone: string }>(
    "SELECT days, start_minute, end_minute, time_zone FROM standing_plans WHERE user_id = $1",
    [ana.id],
  );
  expect(stored).toEqual({ days: [6], start_minute: 420, end_minute: 600, time_zone: ZONE });

  await runStandingJobAt(saturdayMorning());
  const told = (name: string) => `${name} is usually up for surfing on Saturday mornings too — up for it this week?`;
  await expect(ana.page.getByTestId("live-toast")).toContainText(told("Ben Standing"));
  await expect(ben.page.getByTestId("live-toast")).toContainText(told("Ana Standing"));
  // Once each, however often the job runs.
  await runStandingJobAt(saturdayMorning());
  const notices = await sql("SELECT user_id FROM notifications WHERE type = 'match' AND user_id = ANY($1::uuid[])", [[ana.id, ben.id]]);
  expect(notices).toHaveLength(2);

  // This week's plan is on Ana's card, with its match.
  await ana.page.goto("/plans");
  await expect(ana.page.getByText("This week’s, from a standing plan")).toBeVisible();
  await shoot(ana.page, "standing-week", { around: ana.page.getByRole("region", { name: "Your plans" }) });
  await ana.page.getByRole("link", { name: "Matched with Ben Standing" }).click();
  await expect(ana.page.getByRole("heading", { level: 1 })).toHaveText("Ben Standing is up for surfing too");
  await ben.page.goto(new URL(ana.page.url()).pathname);
  await ana.page.getByRole("button", { name: "I’m in" }).click();
  await expect(ben.page.getByTestId("answers")).toContainText("Ana Standing’s in");
  // Ana is in: the meet-up can go into her calendar — activity, time, who; no area.
  const [file] = await Promise.all([ana.page.waitForEvent("download"), ana.page.getByRole("link", { name: "Add to my calendar" }).click()]);
  expect(file.suggestedFilename()).toBe("overlap-surfing.ics");
  const ics = await readFile((await file.path())!, "utf8");
  expect(ics).toContain("SUMMARY:Surfing with Ben Standing");
  expect(ics).not.toMatch(/area|km/i);
  await shoot(ben.page, "standing-match");
  await ben.page.goto("/notifications");
  await expect(ben.page.getByRole("link", { name: told("Ana Standing") })).toBeVisible();
  for (const who of [ana, ben]) await who.context.close();
});

test("a standing plan edited, paused or removed by someone else — a friend, a stranger — is 'not found' and unchanged", async ({ browser }) => {
  const ana = await personAt(browser, "Ana StandGuard", here, { timezoneId: ZONE });
  const ben = await personAt(browser, "Ben StandGuard", here);
  const mallory = await personAt(browser, "Mallory StandGuard", here);
  await closeFriends(ana, ben);
  await setSaturdaySurf(ana.page);
  const [own] = await sql<{ id: string }>("SELECT id FROM standing_plans WHERE user_id = $1", [ana.id]);
  // Captured (and stopped) on their way: nothing happens yet.
  const pause = await captureAction(ana.page, () => ana.page.getByRole("button", { name: "Pause standing surfing" }).click());
  const remove = await captureAction(ana.page, async () => {
    await ana.page.getByRole("button", { name: "Remove standing surfing" }).click();
    await ana.page.getByRole("button", { name: /^Yes/ }).click();
  });
  const edit = await captureAction(ana.page, async () => {
    await ana.page.getByRole("button", { name: "Edit standing surfing" }).click();
    const form = ana.page.getByRole("form", { name: "Edit standing surfing" });
    await form.getByText("Sun", { exact: true }).click();
    await form.getByRole("button", { name: "Save changes" }).click();
  });
  expect(pause.body).toContain(own!.id);
  expect(remove.body).toContain(own!.id);
  expect(edit.body).toContain(own!.id);
  for (const other of [ben, mallory]) {
    expect((await replayAction(other.context.request, edit, {})).text, other.account.displayName).toContain("find that");
    expect((await replayAction(other.context.request, pause, {})).text, other.account.displayName).toContain("find that");
    expect((await replayAction(other.context.request, remove, {})).text, other.account.displayName).toContain("find that");
  }
  expect(await sql("SELECT paused_at, days FROM standing_plans WHERE id = $1", [own!.id])).toEqual([{ paused_at: null, days: [6] }]);
  // The same request from Ana herself goes through: what the others sent was a working request.
  expect((await replayAction(ana.context.request, pause, {})).text).not.toContain("find that");
  expect(await sql("SELECT 1 FROM standing_plans WHERE id = $1 AND paused_at IS NOT NULL", [own!.id])).toHaveLength(1);
  for (const who of [ana, ben, mallory]) await who.context.close();
});
