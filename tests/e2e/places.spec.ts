import { readFileSync } from "node:fs";
import type { BrowserContext, Locator, Page } from "@playwright/test";
import { snapToCell } from "../../lib/geo";
import { parsePlaces, PLACES_PATH } from "../../lib/places/format.js";
import { closeFriends, expect, expectNoAxeViolations, keepOnDevice, personAt, postSurfingNow, shoot, sql, storedOnDevice, test } from "./support";

// Posting without location access: a town picked by name (searched in the browser, snapped to a cell
// there) or this device's usual area. Nothing typed and no place's name is ever sent.

test.describe.configure({ timeout: 90_000 });

const carcavelos = { latitude: 38.6786, longitude: -9.3357 };
// The list the server serves (public/places.tsv), read the way the browser reads it.
const places = parsePlaces(readFileSync("public/places.tsv", "utf8"));
const town = places.find((place) => place.name === "Carcavelos" && place.country === "PT")!;

/** Every request the person's browser makes from now on: its address and body. */
function recordRequests(context: BrowserContext) {
  const sent: string[] = [];
  context.on("request", (request) => sent.push(`${request.method()} ${request.url()}\n${request.postData() ?? ""}`));
  return sent;
}

const where = (page: Page) => page.getByRole("group", { name: "Where" }).first();

/** Opens the place search in `scope` (unless it is open), types `typed` and picks `label` with the keyboard. */
async function pickPlace(page: Page, scope: Locator, typed: string, label: string) {
  if ((await scope.getByRole("combobox").count()) === 0) await scope.getByRole("button", { name: "Choose a place by name" }).click();
  const search = scope.getByRole("combobox", { name: "Town or neighbourhood" });
  await expect(search).toBeFocused();
  await page.keyboard.type(typed);
  await expect(scope.getByRole("option", { name: label })).toBeVisible();
  // Down to the first result, once round the list and back (Up from the first wraps to the last).
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowDown");
  await expect(scope.getByRole("option", { selected: true })).toHaveAccessibleName(new RegExp(`^${label}`));
  await page.keyboard.press("Enter");
}

test("with location access denied, a plan posted by a town's name matches a friend there, and no request carries the name", async ({ browser }) => {
  const dana = await personAt(browser, "Dana Denied", null);
  const bob = await personAt(browser, "Bob Carcavelos", carcavelos);
  await closeFriends(dana, bob);
  await postSurfingNow(bob.page);
  await expect(bob.page.getByRole("status").filter({ hasText: "Posted." })).toBeVisible();

  const sent = recordRequests(dana.context);
  await dana.page.goto("/plans");
  const field = where(dana.page);
  await field.getByRole("button", { name: "Share my area" }).click();
  await expect(field.getByRole("alert")).toContainText("Location access is off for this site");
  await expect(field.getByRole("alert")).toContainText("You can still post: choose a place by name.");
  const post = dana.page.getByRole("button", { name: "Post", exact: true });
  await expect(post).toBeDisabled();
  await expect(post).toHaveAccessibleDescription("Choose your area (under Where) to post.");
  await shoot(dana.page, "area-denied", { around: field });
  await field.getByText("How to turn location back on").click();
  await expect(field.getByText("Safari on iPhone:")).toBeVisible();
  await shoot(dana.page, "area-denied-help", { around: field });
  // Nothing of the list is loaded until the search is opened.
  expect(sent.filter((request) => request.includes(PLACES_PATH))).toEqual([]);

  await field.getByRole("button", { name: "Choose a place by name" }).click();
  const search = field.getByRole("combobox", { name: "Town or neighbourhood" });
  await expect(search).toBeFocused();
  await dana.page.keyboard.type("CARCAV");
  const option = field.getByRole("option", { name: /^Carcavelos, Portugal/ });
  await expect(option).toBeVisible();
  await expect(option).toContainText("about 20,000 people");
  await expect(search).toHaveAttribute("aria-expanded", "true");
  await expectNoAxeViolations(dana.page);
  await shoot(dana.page, "place-search", { around: field });
  // Accents and case do not matter: "são" finds São Paulo first (the most populous).
  await search.fill("são");
  await expect(field.getByRole("option").first()).toHaveAccessibleName(/^São Paulo, Brazil/);
  await dana.page.keyboard.press("ArrowDown");
  await shoot(dana.page, "place-search-results", { around: field });
  await search.fill("");
  await pickPlace(dana.page, field, "carcav", "Carcavelos, Portugal");
  await expect(field.getByRole("status").first()).toHaveText(/We’ll share an area of about 5 km² around Carcavelos, Portugal/);
  await expect(field.getByRole("button", { name: "Change area" })).toBeFocused();
  await shoot(dana.page, "place-chosen", { around: field });

  await dana.page.getByRole("radio", { name: "surfing" }).check();
  await post.click();
  await expect(dana.page.getByRole("status").filter({ hasText: "Posted." })).toBeVisible();
  const [plan] = await sql<{ cell: string }>("SELECT cell FROM plans WHERE user_id = $1", [dana.id]);
  expect(plan?.cell).toBe(snapToCell(town.lat, town.lng, 7));
  await expect(dana.page.getByTestId("live-toast")).toContainText("Bob Carcavelos is up for surfing too — in your area");

  // The list was fetched once, whole; nothing typed and no place's name went anywhere.
  expect(sent.filter((request) => request.includes(PLACES_PATH))).toHaveLength(1);
  expect(sent.some((request) => request.includes(plan!.cell))).toBe(true); // the post itself was recorded
  for (const word of ["carcav", "são", "s%c3%a3o", "portugal"]) expect(sent.filter((request) => request.toLowerCase().includes(word))).toEqual([]);
  for (const p of [dana, bob]) await p.context.close();
});

/** What this browser keeps as the person's usual area (undefined: nothing). */
const storedArea = (page: Page, userId: string) => storedOnDevice(page, `area:${userId}`);

test("the usual area is offered after a post, in the composer and the standing-plan form", async ({ browser }) => {
  const eve = await personAt(browser, "Eve Usual", null);
  await eve.page.goto("/plans");
  const field = where(eve.page);
  // No "usual area" before anything was posted from this device.
  await expect(field.getByRole("button", { name: "Choose a place by name" })).toBeVisible();
  await expect(field.getByRole("button", { name: "Use my usual area" })).toHaveCount(0);

  // A list that fails to load says so, and loads on trying again.
  await eve.page.route(`**${PLACES_PATH}`, (route) => route.abort(), { times: 1 });
  await field.getByRole("button", { name: "Choose a place by name" }).click();
  await expect(field.getByRole("alert")).toContainText("We couldn’t load the list of places");
  await field.getByRole("button", { name: "Try again" }).click();
  await field.getByRole("combobox", { name: "Town or neighbourhood" }).fill("carcav");
  await expect(field.getByRole("option", { name: /^Carcavelos, Portugal/ })).toBeVisible();
  // Escape clears what was typed, then closes the search.
  await eve.page.keyboard.press("Escape");
  await expect(field.getByRole("combobox")).toHaveValue("");
  await eve.page.keyboard.press("Escape");
  await expect(field.getByRole("combobox")).toHaveCount(0);
  await expect(field.getByRole("button", { name: "Choose a place by name" })).toBeFocused();

  await pickPlace(eve.page, field, "carcav", "Carcavelos, Portugal");
  await eve.page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(eve.page.getByRole("status").filter({ hasText: "Posted." })).toBeVisible();
  const cell = snapToCell(town.lat, town.lng, 7);
  await expect.poll(() => storedArea(eve.page, eve.id)).toBe(cell);

  // Next time it is one tap away.
  await eve.page.reload();
  await field.getByRole("button", { name: "Use my usual area" }).click();
  await expect(field.getByRole("status").first()).toHaveText(/We’ll share your usual area \(about 5 km²\): the one your last plan from this device used/);
  await expectNoAxeViolations(eve.page);
  await shoot(eve.page, "usual-area-chosen", { around: field });
  await field.getByRole("button", { name: "Change area" }).click();
  await expect(field.getByRole("button", { name: "Use my usual area" })).toBeVisible();
  await shoot(eve.page, "usual-area", { around: field });
  await field.getByRole("button", { name: "Use my usual area" }).click();
  await eve.page.getByRole("group", { name: "I’m up for…" }).first().getByText("tennis", { exact: true }).click();
  await eve.page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(eve.page.getByRole("region", { name: "Your plans" })).toContainText("tennis");
  expect((await sql<{ cell: string }>("SELECT cell FROM plans WHERE user_id = $1", [eve.id])).map((plan) => plan.cell)).toEqual([cell, cell]);

  // The standing-plan form offers it too; its place search's Escape does not close the form.
  await eve.page.getByRole("button", { name: "+ Add a standing plan" }).click();
  const form = eve.page.getByRole("form", { name: "Add a standing plan" });
  await form.getByRole("button", { name: "Choose a place by name" }).click();
  await eve.page.keyboard.press("Escape");
  await expect(form.getByRole("button", { name: "Choose a place by name" })).toBeFocused();
  await form.getByRole("button", { name: "Use my usual area" }).click();
  await expect(form.getByText(/We’ll keep your usual area/)).toBeVisible();
  await form.getByText("Sat", { exact: true }).click();
  await form.getByRole("button", { name: "Save standing plan" }).click();
  await expect(eve.page.getByRole("list", { name: "Your standing plans" })).toContainText("Saturdays");
  expect(await sql("SELECT cell FROM standing_plans WHERE user_id = $1", [eve.id])).toEqual([{ cell }]);

  await eve.context.close();
});

test("the usual area is forgotten on deleting location data and on signing out", async ({ browser }) => {
  const fox = await personAt(browser, "Fox Forgets", null);
  const cell = snapToCell(town.lat, town.lng, 7);
  await fox.page.goto("/plans");
  await keepOnDevice(fox.page, `area:${fox.id}`, cell);
  await fox.page.reload();
  const field = where(fox.page);
  await expect(field.getByRole("button", { name: "Use my usual area" })).toBeVisible();

  // "Delete my location data" forgets it on this device.
  await fox.page.goto("/settings/delete-location");
  await fox.page.getByRole("button", { name: "Delete my location data now" }).click();
  await fox.page.getByRole("button", { name: "Yes, delete my location data" }).click();
  await expect(fox.page.getByRole("status").filter({ hasText: /Deleted|nothing to delete/ })).toBeVisible();
  expect(await storedArea(fox.page, fox.id)).toBeUndefined();
  await fox.page.goto("/plans");
  await expect(field.getByRole("button", { name: "Choose a place by name" })).toBeVisible();
  await expect(field.getByRole("button", { name: "Use my usual area" })).toHaveCount(0);

  // So does signing out.
  await keepOnDevice(fox.page, `area:${fox.id}`, cell);
  await fox.page.goto("/settings");
  await fox.page.getByRole("button", { name: "Sign out" }).click();
  await expect(fox.page).not.toHaveURL(/\/settings/);
  await expect.poll(() => storedArea(fox.page, fox.id)).toBeUndefined();
  await fox.context.close();
});
