import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, keepOnDevice, personAt, shoot, storedOnDevice, test } from "./support";

// Suggestions are worked out in the browser from the plans it posted, kept in its IndexedDB: no request
// carries that history, and "Delete my location data" and signing out clear it.

const here = { latitude: 38.6786, longitude: -9.3357 };
const MARK = "kite foiling";
// The browser's clock is fixed at 10:00 UTC today (in UTC): a habit late in the evening cannot become a
// standing plan — its window would cross midnight — and this test may run at any hour.
const NOW = new Date(new Date().setUTCHours(10, 0, 0, 0));

/** Three past "kite foiling" plans in this browser's history, at this time of day, on this weekday, 1–3 weeks ago. */
function seedHistory(page: Page, userId: string) {
  const week = 7 * 24 * 3_600_000;
  const history = [1, 2, 3].map((weeks) => {
    const start = NOW.getTime() - weeks * week - 10 * 60_000;
    return { activity: MARK, startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2 * 3_600_000).toISOString() };
  });
  return keepOnDevice(page, `plans:${userId}`, history);
}

test("suggestions come from this browser's history only: no request carries it, and deleting location data clears it", async ({ browser }) => {
  const ana = await personAt(browser, "Ana Habits", here, { timezoneId: "UTC" });
  await ana.page.clock.setFixedTime(NOW);
  await ana.page.goto("/plans");
  await seedHistory(ana.page, ana.id);
  const sent: string[] = [];
  ana.page.on("request", (request) => sent.push(`${request.url()}\n${request.postData() ?? ""}`));

  await ana.page.reload();
  const suggestions = ana.page.getByRole("region", { name: "Suggestions" });
  await expect(suggestions).toContainText("Kite foiling now? You often go around this time.");
  await expect(suggestions).toContainText("Make it a standing plan?");
  await expectNoAxeViolations(ana.page);
  await shoot(ana.page, "suggestion", { around: suggestions });

  // Taking it fills in the form on the page — still nothing sent.
  await suggestions.getByRole("button", { name: "Make it a standing plan" }).click();
  const form = ana.page.getByRole("form", { name: "Add a standing plan" });
  await expect(form.getByLabel("What would you like to do?")).toHaveValue(MARK);
  const today = await ana.page.evaluate(() => ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"][new Date().getDay()]!);
  await expect(form.getByRole("checkbox", { name: today })).toBeChecked();
  await shoot(ana.page, "suggestion-standing", { around: form });
  await suggestions.getByRole("button", { name: `Post ${MARK}` }).click();
  await expect(ana.page.locator("#compose-custom-activity")).toHaveValue(MARK);
  expect(sent.length).toBeGreaterThan(0);
  expect(sent.filter((request) => request.toLowerCase().includes("kite"))).toEqual([]);

  // "Delete my location data" forgets it on this device.
  await ana.page.goto("/settings/delete-location");
  await ana.page.getByRole("button", { name: "Delete my location data now" }).click();
  await ana.page.getByRole("button", { name: "Yes, delete my location data" }).click();
  await expect(
    ana.page
      .getByRole("status")
      .filter({ hasText: /Deleted|nothing to delete/ })
      .first(),
  ).toBeVisible();
  expect(await storedOnDevice(ana.page, `plans:${ana.id}`)).toBeUndefined();

  // So does signing out.
  await seedHistory(ana.page, ana.id);
  await ana.page.goto("/settings");
  await ana.page.getByRole("button", { name: "Sign out" }).click();
  await expect(ana.page).not.toHaveURL(/\/settings/);
  await expect.poll(() => storedOnDevice(ana.page, `plans:${ana.id}`)).toBeUndefined();
  await ana.context.close();
});
