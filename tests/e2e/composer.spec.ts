import { TZDate } from "@date-fns/tz";
import { expect, personAt, shoot, sql, test } from "./support";

// The composer's quicker paths: time shortcuts in the person's own zone, activity suggestions, and
// the form folding away after a post.

test.describe.configure({ timeout: 90_000 });

const carcavelos = { latitude: 38.6786, longitude: -9.3357 };
const ZONE = "Pacific/Auckland";

test("'Tomorrow morning' is 8 AM to noon tomorrow in the browser's own time zone, whatever the server's", async ({ browser }) => {
  const ana = await personAt(browser, "Ana Auckland", carcavelos, { timezoneId: ZONE });
  const { page } = ana;
  await page.goto("/plans");
  const when = page.getByRole("group", { name: "When" });
  for (const name of ["Now (next 2 hours)", "Tomorrow morning", "This weekend", "Pick times"]) await expect(when.getByRole("radio", { name })).toHaveCount(1);
  await page.getByRole("radio", { name: "surfing" }).check();
  await when.getByText("Tomorrow morning", { exact: true }).click();
  await expect(when.locator("time")).toHaveText(/^Tomorrow /);
  await page.getByRole("button", { name: "Share my area" }).click();
  await expect(page.getByText(/We’ll share an area/)).toBeVisible();
  await shoot(page, "composer-shortcuts", { around: when });
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(page.getByRole("button", { name: "Post another" })).toBeFocused();

  // Tomorrow in Auckland, worked out here independently of the app's code.
  const today = new TZDate(Date.now(), ZONE);
  const tomorrow = (hour: number) => new Date(new TZDate(today.getFullYear(), today.getMonth(), today.getDate() + 1, hour, 0, ZONE).getTime());
  const [plan] = await sql<{ starts_at: Date; ends_at: Date }>("SELECT starts_at, ends_at FROM plans WHERE user_id = $1", [ana.id]);
  expect(plan!.starts_at.toISOString()).toBe(tomorrow(8).toISOString());
  expect(plan!.ends_at.toISOString()).toBe(tomorrow(12).toISOString());
  await shoot(page, "composer-posted");
  await ana.context.close();
});

test("a typed activity is matched to a preset or one posted before, ignoring case and spaces", async ({ browser }) => {
  const ben = await personAt(browser, "Ben Volley", carcavelos);
  const { page } = ben;
  await page.goto("/plans");
  const what = page.getByRole("group", { name: "I’m up for…" });
  await what.getByText("Something else", { exact: true }).click();
  const typed = page.getByLabel("What would you like to do?");
  await typed.fill("Beach  Volleyball");
  await page.getByRole("button", { name: "Share my area" }).click();
  await expect(page.getByText(/We’ll share an area/)).toBeVisible();
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await page.getByRole("button", { name: "Post another" }).click();

  // This device remembers it: "volleyball" now finds it, and "BoardGames" finds the preset.
  await what.getByText("Something else", { exact: true }).click();
  await typed.fill("volleyball");
  const suggested = page.getByRole("group", { name: "Suggested activities" });
  await expect(suggested.getByRole("button")).toHaveText(["beach volleyball"]);
  await shoot(page, "composer-activity-suggestion", { around: what });
  await suggested.getByRole("button", { name: "beach volleyball" }).click();
  await expect(typed).toHaveValue("beach volleyball");
  await typed.fill("BoardGames");
  await suggested.getByRole("button", { name: "board games" }).click();
  await expect(page.getByRole("radio", { name: "board games" })).toBeChecked();
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(page.getByRole("button", { name: "Post another" })).toBeVisible();
  expect((await sql<{ activity: string }>("SELECT activity FROM plans WHERE user_id = $1 ORDER BY created_at", [ben.id])).map((row) => row.activity)).toEqual([
    "beach volleyball",
    "board games",
  ]);
  await ben.context.close();
});

test("offline, Post says so beside the button and keeps the form and the app around it; back online it posts once", async ({ browser }) => {
  const cy = await personAt(browser, "Cy Offline", carcavelos);
  const { page, context } = cy;
  await page.goto("/plans");
  await page.getByRole("group", { name: "I’m up for…" }).getByText("Something else", { exact: true }).click();
  await page.getByLabel("What would you like to do?").fill("kite surfing");
  await page.getByLabel("Note (optional)").fill("north beach");
  await page.getByRole("button", { name: "Share my area" }).click();
  await expect(page.getByText(/We’ll share an area/)).toBeVisible();

  await context.setOffline(true);
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Couldn’t post — you’re offline" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(page.getByText("Something went wrong")).toHaveCount(0);
  await expect(page.getByLabel("What would you like to do?")).toHaveValue("kite surfing");
  await expect(page.getByLabel("Note (optional)")).toHaveValue("north beach");
  await shoot(page, "composer-offline", { around: page.getByRole("region", { name: "Post a plan" }) });

  await context.setOffline(false);
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(page.getByRole("button", { name: "Post another" })).toBeVisible();
  expect(await sql("SELECT activity, note FROM plans WHERE user_id = $1", [cy.id])).toEqual([{ activity: "kite surfing", note: "north beach" }]);

  // A setting picked offline says so too, and shows what is still stored.
  await page.goto("/settings/precision");
  await context.setOffline(true);
  // Not check(): the failed save puts the stored choice back at once.
  await page.getByRole("radio", { name: /Town/ }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText(/^Couldn’t save — you’re offline/);
  await expect(page.getByRole("radio", { name: /Neighbourhood/ })).toBeChecked();
  await context.setOffline(false);
  expect(await sql("SELECT location_resolution FROM users WHERE id = $1", [cy.id])).toEqual([{ location_resolution: 7 }]);
  await cy.context.close();
});
