import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import pg from "pg";

// Each test is a different visitor behind the same proxy (TEST-NET addresses), as in production:
// per-IP limits then apply per test, not to the whole suite.
function visitorAddress() {
  const [a, b] = randomBytes(2);
  return { "x-forwarded-for": `198.51.${a}.${b}` };
}

// What the browser refused under the pages' Content Security Policy (proxy.ts), in this test's
// contexts. A policy that is too strict breaks things silently (a script, the service worker), so
// every test fails on such a report unless it is about one (`cspViolationsExpected`).
let cspReports: string[] = [];
function watchCsp(context: BrowserContext) {
  context.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) cspReports.push(`${message.location().url}: ${message.text()}`);
  });
}

export const test = base.extend<{ cspViolationsExpected: boolean; noCspViolations: void }>({
  extraHTTPHeaders: async ({}, use) => {
    await use(visitorAddress());
  },
  cspViolationsExpected: [false, { option: true }],
  noCspViolations: [
    async ({ context, cspViolationsExpected }, use) => {
      cspReports = [];
      watchCsp(context);
      await use();
      if (!cspViolationsExpected) expect(cspReports, "Content Security Policy reports").toEqual([]);
    },
    { auto: true },
  ],
});

/** A second person in the same test: their own browser context, cookies and address. */
export async function newVisitor(browser: Browser) {
  const context = await browser.newContext({ extraHTTPHeaders: visitorAddress() });
  watchCsp(context);
  return { context, page: await context.newPage() };
}

type Position = { latitude: number; longitude: number };

/** A signed-up person whose browser reports `where` (null: location access denied), in `timezoneId` if given. */
export async function personAt(browser: Browser, name: string, where: Position | null, { timezoneId }: { timezoneId?: string } = {}) {
  const context = await browser.newContext({
    extraHTTPHeaders: visitorAddress(),
    ...(where ? { geolocation: where, permissions: ["geolocation"] } : {}),
    ...(timezoneId ? { timezoneId } : {}),
  });
  watchCsp(context);
  const page = await context.newPage();
  const account = newAccount(name);
  await signUp(page, account);
  return { context, page, account, id: await userId(account.email) };
}

/** Makes two people friends who marked each other close (arranged directly in the database). */
export async function closeFriends(a: { id: string }, b: { id: string }) {
  await sql("INSERT INTO friendships (owner_id, friend_id, close) VALUES ($1, $2, true), ($2, $1, true)", [a.id, b.id]);
}

/**
 * Gives `owner` friends who never sign in (arranged directly in the database, a month old so no "Mark
 * … as a close friend?" question is asked about them); `close` names the ones `owner` marked close.
 */
export async function addFriends(owner: { id: string }, names: string[], { close = [] as string[] } = {}) {
  for (const name of names) {
    const { handle, email } = newAccount(name);
    const [friend] = await sql<{ id: string }>(
      "INSERT INTO users (id, email, handle, display_name, password_hash) VALUES (gen_random_uuid(), $1, $2, $3, 'x') RETURNING id",
      [email, handle, name],
    );
    await sql(
      "INSERT INTO friendships (owner_id, friend_id, close, created_at) VALUES ($1, $2, $3, now() - interval '30 days'), ($2, $1, false, now() - interval '30 days')",
      [owner.id, friend!.id, close.includes(name)],
    );
  }
}
export { expect };

/**
 * Screenshots of the page at phone and desktop sizes, to screenshots/<name>-<size>.png: the whole
 * page, or (with `around`) the screen scrolled to that part of it.
 */
export async function shoot(page: Page, name: string, { around }: { around?: Locator } = {}) {
  for (const [size, viewport] of [
    ["phone", { width: 390, height: 844 }],
    ["desktop", { width: 1280, height: 800 }],
  ] as const) {
    await page.setViewportSize(viewport);
    await around?.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `screenshots/${name}-${size}.png`, fullPage: !around });
  }
}

/** Puts `value` under `key` in this browser's IndexedDB store of plan habits, as the app would. */
export function keepOnDevice(page: Page, key: string, value: unknown) {
  return page.evaluate(
    ({ key, value }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open("overlap-habits");
        open.onupgradeneeded = () => open.result.createObjectStore("history");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction("history", "readwrite");
          tx.objectStore("history").put(value, key);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { key, value },
  );
}

/**
 * What this browser keeps on the device under `key` in its IndexedDB store of plan habits
 * (components/plans/habit-store.ts): undefined when nothing.
 */
export function storedOnDevice(page: Page, key: string) {
  return page.evaluate(
    (key) =>
      new Promise<unknown>((resolve) => {
        const open = indexedDB.open("overlap-habits");
        open.onupgradeneeded = () => open.result.createObjectStore("history");
        open.onsuccess = () => {
          const read = open.result.transaction("history").objectStore("history").get(key);
          read.onsuccess = () => {
            open.result.close();
            resolve(read.result);
          };
        };
      }),
    key,
  );
}

/** A datetime-local input's value for `hour`:00 (this machine's zone), `days` from today. */
export function localDateTime(days: number, hour: number): string {
  const day = new Date(Date.now() + days * 24 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}T${pad(hour)}:00`;
}

/** Posts "surfing, now" from /plans, sharing the area the browser reports (not waiting for the answer). */
export async function postSurfingNow(page: Page) {
  await page.goto("/plans");
  await page.getByRole("radio", { name: "surfing" }).check();
  await page.getByRole("button", { name: "Share my area" }).click();
  await expect(page.getByText(/We’ll share an area of about 5 km²/)).toBeVisible();
  await page.getByRole("button", { name: "Post", exact: true }).click();
}

export type Account = { displayName: string; handle: string; email: string; password: string };

export function newAccount(displayName = "Alex Rivera"): Account {
  const handle = `e2e_${randomBytes(5).toString("hex")}`;
  return { displayName, handle, email: `${handle}@example.com`, password: "a long enough password" };
}

export async function fillSignUp(page: Page, account: Account, { keepUrl = false } = {}) {
  if (!keepUrl) await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(account.displayName);
  await page.getByLabel("Handle").fill(account.handle);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
}

export async function signUp(page: Page, account: Account) {
  await fillSignUp(page, account);
  await page.getByRole("button", { name: "Create account" }).click();
  // Hashing the password takes a while on a busy two-core machine.
  await expect(page).toHaveURL(/\/plans$/, { timeout: 20_000 });
  await expect(page.getByTestId("signed-in-name")).toHaveText(account.displayName);
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs out from the settings index, where "Sign out" lives. */
export async function signOut(page: Page) {
  await page.goto("/settings");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
}

/** The form's own message (Next.js keeps a second, empty alert region for route announcements). */
export function formAlert(page: Page) {
  return page.getByRole("main").getByRole("alert");
}

/** The field's error, found the way a screen reader finds it: through aria-describedby. */
export async function fieldError(page: Page, label: string): Promise<string> {
  const input = page.getByLabel(label, { exact: true });
  await expect(input).toHaveAttribute("aria-invalid", "true");
  const ids = (await input.getAttribute("aria-describedby"))?.split(" ") ?? [];
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()));
  return texts.join(" ");
}

export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

export async function userId(email: string): Promise<string> {
  const [row] = await sql<{ id: string }>("SELECT id FROM users WHERE email = $1", [email]);
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}

/** Direct database access for arranging states a user cannot reach through the UI. */
export async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>("SELECT current_database() AS name");
    if (!rows[0]?.name.endsWith("_test")) throw new Error("e2e tests only write to a *_test database");
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}
