import { createHmac } from "node:crypto";
import { readFile } from "node:fs/promises";
import { getResolution } from "h3-js";
import type { Page } from "@playwright/test";
import { captureAction, replayAction } from "./action-replay";
import { closeFriends, expect, personAt, signIn, sql, test } from "./support";

// The privacy page's controls, end to end: what the user picks is what the server stores and does.

test.describe.configure({ timeout: 90_000 });

const carcavelos = { latitude: 38.6786, longitude: -9.3357 };

/** A choice on a settings page saves as it is picked: "Saved." shows beside it. */
async function saved(page: Page) {
  await expect(
    page
      .getByRole("main")
      .getByRole("status")
      .filter({ hasText: /^Saved\.$/ }),
  ).toBeVisible();
}

async function postSurfing(page: Page, area: RegExp) {
  await page.goto("/plans");
  await page.getByRole("radio", { name: "surfing" }).check();
  await page.getByRole("button", { name: "Share my area" }).click();
  await expect(page.getByText(area)).toBeVisible();
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Posted/ })).toBeVisible();
}

test("precision, plan defaults and retention save as they are chosen, are shown on the index, and are used", async ({ browser }) => {
  const ana = await personAt(browser, "Ana Private", carcavelos);
  const { page } = ana;
  await page.goto("/settings");
  await page.getByRole("link", { name: /Location precision/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Location precision");
  await page.getByRole("radio", { name: /Town/ }).check();
  await saved(page);

  await page.goto("/settings/defaults");
  await page.getByRole("radio", { name: "25 km" }).check();
  await page.getByRole("radio", { name: /All friends/ }).check();
  await saved(page);

  await page.goto("/settings/retention");
  await page
    .getByRole("group", { name: /My plans/ })
    .getByRole("radio", { name: "Keep for 24 hours" })
    .check();
  await saved(page);
  await page.getByRole("group", { name: "My notifications" }).getByRole("radio", { name: "Keep for 30 days" }).check();
  await page
    .getByRole("group", { name: /what friends were told/ })
    .getByRole("radio", { name: "Keep for 90 days" })
    .check();
  await expect.poll(async () => (await sql("SELECT ledger_retention_days FROM users WHERE id = $1", [ana.id]))[0]).toEqual({ ledger_retention_days: 90 });
  await saved(page);

  const [stored] = await sql(
    `SELECT location_resolution, default_travel_km, default_audience, plan_retention_hours, notification_retention_days, ledger_retention_days
     FROM users WHERE id = $1`,
    [ana.id],
  );
  expect(stored).toEqual({
    location_resolution: 6,
    default_travel_km: 25,
    default_audience: "friends",
    plan_retention_hours: 24,
    notification_retention_days: 30,
    ledger_retention_days: 90,
  });

  await page.reload();
  await expect(page.getByRole("group", { name: "My notifications" }).getByRole("radio", { name: "Keep for 30 days" })).toBeChecked();
  await page.goto("/settings");
  await expect(page.getByRole("link", { name: /Location precision/ })).toContainText("Town");
  await expect(page.getByRole("link", { name: /Plan defaults/ })).toContainText("Up to 25 km · All friends");
  await expect(page.getByRole("link", { name: /How long things are kept/ })).toContainText("keep for 24 hours");

  // The composer snaps to a town-sized area and starts from the defaults.
  await page.goto("/plans");
  await expect(page.getByText("town-sized area — about 36 km²")).toBeVisible();
  await expect(page.getByLabel("I’d travel up to")).toHaveValue("25");
  await expect(page.getByRole("radio", { name: "All friends" })).toBeChecked();
  await postSurfing(page, /We’ll share an area of about 36 km²/);
  const [plan] = await sql<{ cell: string; travel_km: number; audience: string }>("SELECT cell, travel_km, audience FROM plans WHERE user_id = $1", [ana.id]);
  expect(getResolution(plan!.cell)).toBe(6);
  expect(plan).toMatchObject({ travel_km: 25, audience: "friends" });
});

test("Undo puts the stored choice back; a choice reached by arrow keys waits for Enter, and Escape keeps the saved one", async ({ browser }) => {
  const { page, id } = await personAt(browser, "Ana Keys", carcavelos);
  const resolution = async () =>
    (await sql<{ location_resolution: number }>("SELECT location_resolution FROM users WHERE id = $1", [id]))[0]!.location_resolution;
  await page.goto("/settings/precision");
  await page.getByRole("radio", { name: /Town/ }).check();
  await saved(page);
  expect(await resolution()).toBe(6);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("radio", { name: /Neighbourhood/ })).toBeChecked();
  await saved(page);
  expect(await resolution()).toBe(7);

  // From the keyboard: moving through the choices saves nothing until Enter.
  const status = page.getByRole("main").getByRole("status");
  await page.getByRole("radio", { name: /Neighbourhood/ }).focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("radio", { name: /Region/ })).toBeChecked();
  await expect(status).toHaveText(/^Not saved yet: press Enter/);
  await page.waitForTimeout(1_000);
  expect(await resolution()).toBe(7);
  // Escape puts the saved choice back.
  await page.keyboard.press("Escape");
  await expect(page.getByRole("radio", { name: /Neighbourhood/ })).toBeChecked();
  expect(await resolution()).toBe(7);
  // Enter saves the one the keys stop on, and focus stays there.
  await page.getByRole("radio", { name: /Neighbourhood/ }).focus();
  await page.keyboard.press("ArrowUp");
  await expect(page.getByRole("radio", { name: /Region/ })).toBeChecked();
  await page.keyboard.press("Enter");
  await saved(page);
  await expect.poll(resolution).toBe(5);
  await expect(page.getByRole("radio", { name: /Region/ })).toBeFocused();
  await page.reload();
  await expect(page.getByRole("radio", { name: /Region/ })).toBeChecked();
});

test("a choice picked while a save is under way stays on screen and is saved after it", async ({ browser }) => {
  const { page, id } = await personAt(browser, "Ana Quick", carcavelos);
  await page.goto("/settings/retention");
  // A slow connection: each save takes a second to reach the server.
  await page.route("**/settings/retention", async (route) => {
    if (route.request().method() === "POST") await new Promise((done) => setTimeout(done, 1_000));
    await route.continue();
  });
  const notifications = page.getByRole("group", { name: "My notifications" }).getByRole("radio", { name: "Keep for 30 days" });
  const ledger = page.getByRole("group", { name: /what friends were told/ }).getByRole("radio", { name: "Keep for 90 days" });
  await notifications.click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Saving…");
  await ledger.click();
  await expect
    .poll(async () => (await sql("SELECT notification_retention_days, ledger_retention_days FROM users WHERE id = $1", [id]))[0], { timeout: 10_000 })
    .toEqual({ notification_retention_days: 30, ledger_retention_days: 90 });
  await saved(page);
  await expect(notifications).toBeChecked();
  await expect(ledger).toBeChecked();
});

test("the ledger gives the window a friend was told as a date, which reads the same on any later day", async ({ browser }) => {
  const ana = await personAt(browser, "Ana Ledger", carcavelos);
  const ben = await personAt(browser, "Ben Ledger", { latitude: 38.6979, longitude: -9.4215 });
  await closeFriends(ana, ben);
  await postSurfing(ana.page, /We’ll share an area/);
  await postSurfing(ben.page, /We’ll share an area/);
  // Matching runs once Ben's post is answered: wait for what it told him.
  let told: { starts_at: Date } | undefined;
  await expect
    .poll(async () => ([told] = await sql<{ starts_at: Date }>("SELECT starts_at FROM disclosures WHERE subject_id = $1", [ana.id])).length, {
      timeout: 10_000,
    })
    .toBe(1);
  await ana.page.goto("/settings/ledger");
  const day = await ana.page.evaluate(
    (at) => new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short" }).format(new Date(at)),
    told!.starts_at.toISOString(),
  );
  await expect(ana.page.getByRole("main")).toContainText(`was told “surfing, ${day} `);
  await expect(ana.page.getByRole("main")).not.toContainText("“surfing, Today");
  await ana.context.close();
  await ben.context.close();
});

test("a tampered retention value or an extra field is refused and nothing is saved", async ({ browser }) => {
  const ana = await personAt(browser, "Ana Tamper", carcavelos);
  await ana.page.goto("/settings/retention");
  const saveRetention = await captureAction(ana.page, () =>
    // The request is stopped, so the form puts the stored choice back: a click, not check().
    ana.page.getByRole("group", { name: "My notifications" }).getByRole("radio", { name: "Keep for 30 days" }).click(),
  );
  const field = 'planRetentionHours"\r\n\r\n0\r\n';

  const forever = await replayAction(ana.page.request, saveRetention, { [field]: field.replace("\n0\r", "\n8760\r") });
  expect(forever.text).toContain("Choose how long to keep ended plans");
  const someoneElse = await replayAction(ana.page.request, saveRetention, {}, { userId: "00000000-0000-4000-8000-000000000000" });
  expect(someoneElse.text).not.toContain("Saved.");

  const [stored] = await sql("SELECT plan_retention_hours, notification_retention_days FROM users WHERE id = $1", [ana.id]);
  expect(stored).toEqual({ plan_retention_hours: 0, notification_retention_days: 7 });
});

test("delete my location data removes my plans now; the page says so", async ({ browser }) => {
  const ana = await personAt(browser, "Ana Forget", carcavelos);
  await postSurfing(ana.page, /We’ll share an area of about 5 km²/);
  await ana.page.goto("/settings/delete-location");
  const card = ana.page.getByRole("main");
  await card.getByRole("button", { name: "Delete my location data now" }).click();
  await card.getByRole("button", { name: "Yes, delete my location data" }).click();
  await expect(card.getByRole("status")).toHaveText("Deleted 1 plan and its area.");
  expect(await sql("SELECT 1 FROM plans WHERE user_id = $1", [ana.id])).toHaveLength(0);
  await ana.page.goto("/plans");
  await expect(ana.page.getByRole("region", { name: "Your plans" })).not.toContainText("surfing");
});

test("deleting the account needs the password; afterwards the old cookie opens nothing and signing in fails", async ({ browser }) => {
  const ana = await personAt(browser, "Ana Leaving", carcavelos);
  const ben = await personAt(browser, "Ben Stays", carcavelos);
  await closeFriends(ana, ben);
  await postSurfing(ana.page, /We’ll share an area of about 5 km²/);
  const oldCookies = await ana.context.cookies();
  await ben.page.goto("/friends");
  await expect(ben.page.getByRole("main")).toContainText("Ana Leaving");

  await ana.page.goto("/settings/pause");
  const pause = await captureAction(ana.page, () => ana.page.getByRole("button", { name: "Pause for 1 hour" }).click());
  await ana.page.goto("/settings/delete-account");
  const card = ana.page.getByRole("main");
  await card.getByRole("button", { name: "Delete my account" }).click();
  await expect(card.getByText("Enter your password")).toBeVisible();
  await card.getByLabel("Your password").fill("not my password");
  await card.getByRole("button", { name: "Delete my account" }).click();
  await expect(card.getByText("That password is not right.")).toBeVisible();
  expect(await sql("SELECT 1 FROM users WHERE id = $1", [ana.id])).toHaveLength(1);

  await card.getByLabel("Your password").fill(ana.account.password);
  await card.getByRole("button", { name: "Delete my account" }).click();
  await expect(ana.page).toHaveURL(/\/goodbye$/);
  await expect(ana.page.getByRole("heading", { name: "Your account is deleted" })).toBeVisible();
  expect(await sql("SELECT 1 FROM users WHERE id = $1", [ana.id])).toHaveLength(0);
  expect(await sql("SELECT 1 FROM plans WHERE user_id = $1", [ana.id])).toHaveLength(0);
  // Ben's open page drops her without a reload.
  await expect(ben.page.getByRole("main")).not.toContainText("Ana Leaving", { timeout: 10_000 });

  // Someone who kept a copy of the cookie gets nothing.
  const thief = await browser.newContext();
  await thief.addCookies(oldCookies);
  const stream = await thief.request.get("/api/events");
  expect(stream.status()).toBe(401);
  const exported = await thief.request.get("/api/export");
  expect(exported.status()).toBe(401);
  // Server actions answer as to anyone signed out.
  expect((await replayAction(thief.request, pause, {})).text).toContain("signed out");
  const page = await thief.newPage();
  for (const path of ["/plans", "/friends", "/notifications", "/settings", "/settings/precision", "/settings/data", "/settings/ledger"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/sign-in/);
  }

  await signIn(ana.page, ana.account.email, ana.account.password);
  await expect(ana.page.getByRole("main").getByRole("alert")).toContainText("don’t match an account");
  await expect(ana.page).toHaveURL(/\/sign-in/);
});

test("a replayed delete-account action without the right password deletes nothing", async ({ browser }) => {
  const ana = await personAt(browser, "Ana Borrowed", carcavelos);
  await ana.page.goto("/settings/delete-account");
  const card = ana.page.getByRole("main");
  await card.getByLabel("Your password").fill("placeholder-password");
  const deleteAction = await captureAction(ana.page, () => card.getByRole("button", { name: "Delete my account" }).click());
  const empty = await replayAction(ana.page.request, deleteAction, { "placeholder-password": "" });
  expect(empty.text).toContain("Enter your password");
  const wrong = await replayAction(ana.page.request, deleteAction, { "placeholder-password": "wrong password here" });
  expect(wrong.text).toContain("That password is not right.");
  expect(await sql("SELECT 1 FROM users WHERE id = $1", [ana.id])).toHaveLength(1);
  await ana.page.goto("/plans");
  await expect(ana.page.getByTestId("signed-in-name")).toHaveText(ana.account.displayName);
});

test("the export downloads as one JSON file holding my plans, and nobody else's data", async ({ browser }) => {
  const ana = await personAt(browser, "Ana Export", carcavelos);
  const ben = await personAt(browser, "Ben Other", { latitude: 38.6979, longitude: -9.4215 });
  await closeFriends(ana, ben);
  await postSurfing(ana.page, /We’ll share an area of about 5 km²/);
  await postSurfing(ben.page, /We’ll share an area of about 5 km²/);
  const [anaPlan] = await sql<{ cell: string }>("SELECT cell FROM plans WHERE user_id = $1", [ana.id]);
  const [benPlan] = await sql<{ cell: string }>("SELECT cell FROM plans WHERE user_id = $1", [ben.id]);

  await ana.page.goto("/settings/data");
  const [download] = await Promise.all([ana.page.waitForEvent("download"), ana.page.getByRole("link", { name: "Download everything (JSON)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^overlap-export-\d{4}-\d{2}-\d{2}\.json$/);
  const file = await download.path();
  const exported = JSON.parse(await readFile(file, "utf8"));
  expect(exported.format).toBe("overlap-export/1");
  expect(exported.account.items[0].email).toBe(ana.account.email);
  expect(exported.plans.items).toHaveLength(1);
  expect(exported.plans.items[0]).toMatchObject({ activity: "surfing", cell: anaPlan!.cell });
  expect(exported.matches.items).toHaveLength(1);

  // Ben is in it only as a name and handle: not his email, his id or his area.
  const text = JSON.stringify(exported);
  expect(text).toContain(ben.account.handle);
  for (const secret of [ben.account.email, ben.id, benPlan!.cell]) expect(text).not.toContain(secret);

  // The "what we store" page, as Ben: his own data, none of Ana's.
  await ben.page.goto("/settings/data");
  const main = ben.page.getByRole("main");
  await expect(main).toContainText(ben.account.email);
  await expect(main).not.toContainText(ana.account.email);
  // Without a session there is nothing to download.
  const stranger = await browser.newContext();
  expect((await stranger.request.get("/api/export")).status()).toBe(401);
});

test("attacker: a link to the export on another site starts no download in the visitor's name", async ({ browser, baseURL }) => {
  const ana = await personAt(browser, "Ana Lured", carcavelos);
  // A page on another site, linking to the export: the browser sends Ana's cookie with the click.
  await ana.page.route("http://elsewhere.example/", (route) =>
    route.fulfill({ contentType: "text/html", body: `<a href="${baseURL}/api/export">Win a surfboard</a>` }),
  );
  await ana.page.goto("http://elsewhere.example/");
  const [answer] = await Promise.all([ana.page.waitForResponse(`${baseURL}/api/export`), ana.page.getByRole("link").click()]);
  expect(answer.status()).toBe(403);
  // Nothing was counted against Ana's downloads (the limiter's key is an HMAC of her id).
  const key = `export:${createHmac("sha256", process.env.AUTH_SECRET!).update(ana.id).digest("base64url")}`;
  expect(await sql("SELECT points FROM rate_limits WHERE key = $1", [key])).toEqual([]);

  // Her own link on Overlap still downloads, and is counted.
  await ana.page.goto("/settings/data");
  await Promise.all([ana.page.waitForEvent("download"), ana.page.getByRole("link", { name: "Download everything (JSON)" }).click()]);
  expect(await sql("SELECT points FROM rate_limits WHERE key = $1", [key])).toEqual([{ points: 1 }]);
});

test("sharing pauses from the plans page, and the banner resumes it", async ({ browser }) => {
  const ana = await personAt(browser, "Ana Ghost", carcavelos);
  const pausedUntil = async () => (await sql<{ paused_until: Date | null }>("SELECT paused_until FROM users WHERE id = $1", [ana.id]))[0]!.paused_until;
  await ana.page.goto("/plans");
  await ana.page.locator("summary", { hasText: "Pause sharing" }).click();
  await ana.page.getByRole("button", { name: "Pause until I turn it back on" }).click();
  await expect(ana.page.getByText("Sharing is paused: your plans are not matched.")).toBeVisible();
  expect((await pausedUntil())?.getUTCFullYear()).toBe(9999);
  // Paused, the shortcut gives way to the banner.
  await expect(ana.page.locator("summary", { hasText: "Pause sharing" })).toHaveCount(0);
  await ana.page.getByRole("button", { name: "Resume sharing now" }).click();
  await expect(ana.page.getByText("Sharing is paused: your plans are not matched.")).toHaveCount(0);
  await expect.poll(pausedUntil).toBeNull();
  await ana.context.close();
});
