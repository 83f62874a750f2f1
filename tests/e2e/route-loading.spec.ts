import { expect, expectNoAxeViolations, newAccount, personAt, postSurfingNow, shoot, signUp, sql, test } from "./support";

// Pages never freeze and never show a plan without its time: a tapped tab is current at once and
// the new page's skeleton stands in until the server answers; the served HTML already says each
// plan's time, in the reader's zone once the browser has told it (a cookie), else in UTC, saying so.

test.describe.configure({ timeout: 90_000 });

const cascais = { latitude: 38.6979, longitude: -9.4215 };

test("a tapped tab is current at once and the next page's skeleton shows until the server answers", async ({ page }) => {
  // Every request for /friends (prefetches and the navigation alike) waits until the test says so.
  let answer = () => {};
  const held = new Promise<void>((resolve) => (answer = resolve));
  let asked = 0;
  const friendsPage = (url: URL) => url.pathname === "/friends";
  await page.route(friendsPage, async (route) => {
    asked += 1;
    await held;
    await route.continue();
  });
  await signUp(page, newAccount("Sam Slow"));
  const nav = page.getByRole("navigation", { name: "Main" });
  const friendsTab = nav.getByRole("link", { name: "Friends", exact: true });
  await friendsTab.click();

  await expect(friendsTab).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Plans", exact: true })).not.toHaveAttribute("aria-current");
  const skeleton = page.locator("main [aria-busy=true]");
  await expect(skeleton).toBeVisible();
  await expect(skeleton.getByRole("status")).toHaveText("Loading…");
  // The old page is out of sight; the new one's heading stands over its skeleton until it comes.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Friends");
  await expect(page.getByRole("region", { name: "Add by handle" })).toHaveCount(0);
  expect(asked).toBeGreaterThan(0);
  await expectNoAxeViolations(page);
  await shoot(page, "route-skeleton-friends");

  answer();
  await expect(page.getByRole("region", { name: "Add by handle" })).toBeVisible();
  await expect(skeleton).toHaveCount(0);
  await expect(page).toHaveURL(/\/friends$/);
  await expect(friendsTab).toHaveAttribute("aria-current", "page");

  // Back to Plans: the Friends tab is not left behind as "current" or as a skeleton.
  await page.unroute(friendsPage);
  await nav.getByRole("link", { name: "Plans", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Hi Sam Slow", level: 1 })).toBeVisible();
  await expect(friendsTab).not.toHaveAttribute("aria-current");
  await page.goBack();
  await expect(page.getByRole("region", { name: "Add by handle" })).toBeVisible();
  await expect(skeleton).toHaveCount(0);
});

test("without JavaScript, /plans already shows each plan's time: in UTC before the zone is known, then in the reader's zone", async ({ browser }) => {
  const ana = await personAt(browser, "Ana Clock", cascais, { timezoneId: "America/New_York" });
  await postSurfingNow(ana.page);
  await expect(ana.page.getByRole("status").filter({ hasText: "Posted." })).toBeVisible();
  const [plan] = await sql<{ starts_at: Date }>("SELECT starts_at FROM plans WHERE user_id = $1", [ana.id]);
  const at = (timeZone: string) => new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", minute: "2-digit" }).format(plan!.starts_at);
  const cookies = (await ana.context.storageState()).cookies;
  // The browser told the server its zone.
  expect(cookies.find((cookie) => cookie.name === "tz")?.value).toBe("America/New_York");

  const withoutZone = await browser.newContext({ javaScriptEnabled: false, storageState: { cookies: cookies.filter((c) => c.name !== "tz"), origins: [] } });
  const page = await withoutZone.newPage();
  await page.goto("/plans");
  const yourPlans = page.getByRole("region", { name: "Your plans" });
  await expect(yourPlans.locator("time").first()).toContainText(`${at("UTC")}–`);
  await expect(yourPlans.locator("time").first()).toContainText(/ UTC$/);

  await withoutZone.addCookies([{ name: "tz", value: "Asia/Tokyo", url: page.url() }]);
  await page.reload();
  await expect(yourPlans.locator("time").first()).toContainText(`${at("Asia/Tokyo")}–`);
  await expect(yourPlans.locator("time").first()).not.toContainText("UTC");
  await withoutZone.close();

  // With JavaScript, a stale zone in the cookie is served, then corrected in the browser, quietly.
  const errors: string[] = [];
  ana.page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await ana.context.addCookies([{ name: "tz", value: "Asia/Tokyo", url: ana.page.url() }]);
  await ana.page.reload();
  await expect(ana.page.getByRole("region", { name: "Your plans" }).locator("time").first()).toContainText(`${at("America/New_York")}–`);
  expect(errors.filter((text) => /hydrat/i.test(text))).toEqual([]);
  expect((await ana.context.cookies()).find((cookie) => cookie.name === "tz")?.value).toBe("America/New_York");
  await ana.context.close();
});

test("/plans is served in the order it is shown: no part of it is sent after the rest and moved up into place", async ({ page }) => {
  // React sends a Suspense boundary that takes the page's HTML past ~12.8 kB after the rest of the
  // page (a <template> where it belongs, the part later, a script moving it): a browser painting in
  // between showed the page without it, then pushed everything below down — a layout shift.
  await signUp(page, newAccount("Sam Order"));
  const response = await page.request.get("/plans");
  expect(response.status()).toBe(200);
  const html = await response.text();
  expect(html).not.toMatch(/<template id="B:/);
  expect(html).not.toContain("$RC(");
  const at = (id: string) => html.indexOf(`id="${id}"`);
  expect(at("your-plans")).toBeGreaterThan(0);
  expect(at("compose")).toBeGreaterThan(at("your-plans"));
  expect(at("standing")).toBeGreaterThan(at("compose"));
  // The page is past that size before its last part: the checks above do not pass for want of it.
  expect(at("standing")).toBeGreaterThan(12_800);
});
