import type { Browser, Cookie } from "@playwright/test";
import { encode as encodeInAuthJsFormat } from "next-auth/jwt";
import { encodeSessionToken } from "../../lib/session-token.js";
import { newAccount, signOut, signUp, sql, expect, test } from "./support";

/**
 * The live stream's answer to these cookies, sent straight to the production server as an attacker
 * would. A 200 stream is dropped as soon as its head arrives; anything else is read whole.
 */
async function liveStream(baseURL: string, cookies: Cookie[]) {
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const abort = new AbortController();
  const response = await fetch(`${baseURL}/api/events`, { headers: { cookie, "last-event-id": "0" }, signal: abort.signal });
  const body = response.status === 200 ? "" : await response.text();
  abort.abort();
  return { status: response.status, type: response.headers.get("content-type"), body };
}

/** What a second browser holding a copy of these cookies gets: the session API's answer, /plans's status and the live stream's. */
async function replayCookies(browser: Browser, cookies: Cookie[], baseURL: string) {
  const live = await liveStream(baseURL, cookies);
  const context = await browser.newContext();
  await context.addCookies(cookies);
  const session = await (await context.request.get("/api/auth/session")).json();
  await context.clearCookies();
  await context.addCookies(cookies);
  const plans = await context.request.get("/plans", { maxRedirects: 0 });
  await context.close();
  return { session, plansStatus: plans.status(), plansLocation: plans.headers()["location"], live };
}

test("session cookies are HttpOnly and SameSite", async ({ page }) => {
  await signUp(page, newAccount());
  const cookie = (await page.context().cookies()).find((c) => c.name.endsWith("authjs.session-token"));
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
});

test("signing out ends the session on the server: a copied cookie stops working", async ({ page, browser, baseURL }) => {
  const account = newAccount("Casey Copy");
  await signUp(page, account);
  const cookies = await page.context().cookies();

  const before = await replayCookies(browser, cookies, baseURL!);
  expect(before.session?.user?.handle).toBe(account.handle);
  expect(before.plansStatus).toBe(200);
  expect(before.live.status).toBe(200);
  expect(before.live.type).toContain("text/event-stream");

  await signOut(page);
  const after = await replayCookies(browser, cookies, baseURL!);
  expect(after.session).toBeNull();
  expect(after.plansStatus).toBe(307);
  expect(after.plansLocation).toMatch(/\/sign-in$/);
  expect(after.live).toEqual({ status: 401, type: "text/plain;charset=UTF-8", body: "Sign in to receive live notifications." });
});

test("a disabled account's session stops working on the next request", async ({ page }) => {
  const account = newAccount();
  await signUp(page, account);
  await sql("UPDATE users SET disabled_at = now() WHERE email = $1", [account.email]);
  await page.goto("/plans");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("a deleted account's session stops working on the next request", async ({ page }) => {
  const account = newAccount();
  await signUp(page, account);
  await sql("DELETE FROM users WHERE email = $1", [account.email]);
  await page.goto("/plans");
  await expect(page).toHaveURL(/\/sign-in$/);
  expect(await (await page.request.get("/api/auth/session")).json()).toBeNull();
});

test("a made-up session cookie is ignored", async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  await context.addCookies([{ name: "authjs.session-token", value: "forged.value.here", url: baseURL! }]);
  const page = await context.newPage();
  await page.goto("/plans");
  await expect(page).toHaveURL(/\/sign-in$/);
  expect((await liveStream(baseURL!, await context.cookies())).status).toBe(401);
  await context.close();
});

// Properly encrypted cookies, as someone holding the secret's output (or a stolen old cookie) could
// present: a user id alone, or a session id whose row is gone, must not sign anyone in.
test("validly encrypted cookies without a live session row get nothing", async ({ page, browser, baseURL }) => {
  const account = newAccount();
  await signUp(page, account);
  const [user] = await sql<{ id: string }>("SELECT id FROM users WHERE email = $1", [account.email]);
  const salt = "authjs.session-token";
  const secret = process.env.AUTH_SECRET!;
  const forged = [
    await encodeSessionToken({ salt, secret, token: { sub: user!.id, name: account.displayName } }),
    await encodeSessionToken({ salt, secret, token: { sid: "no-such-session", user: { id: user!.id, displayName: "x", handle: "x" } } }),
  ];
  for (const value of forged) await expectNobodySignedIn(browser, baseURL!, salt, value);
});

// A live session's id, encrypted other than the app encrypts it: in Auth.js's default format (what
// the app wrote before its own, with the same secret) or under another secret.
test("a live session's id in another cookie format or under another secret gets nothing", async ({ page, browser, baseURL }) => {
  const account = newAccount();
  await signUp(page, account);
  const [session] = await sql<{ id: string }>("SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1", [account.email]);
  const salt = "authjs.session-token";
  const secret = process.env.AUTH_SECRET!;
  const token = { sid: session!.id };
  const forged = [await encodeInAuthJsFormat({ salt, secret, token }), await encodeSessionToken({ salt, secret: `${secret}-other`, token })];
  for (const value of forged) await expectNobodySignedIn(browser, baseURL!, salt, value);
  // The session itself is live: the browser's own cookie still works.
  await page.goto("/plans");
  await expect(page).toHaveURL(/\/plans$/);
});

/** A browser holding only this session cookie is signed out everywhere: session API, pages, live stream. */
async function expectNobodySignedIn(browser: Browser, baseURL: string, name: string, value: string) {
  const cookie: Cookie = { name, value, domain: new URL(baseURL).hostname, path: "/", expires: -1, httpOnly: true, secure: false, sameSite: "Lax" };
  const result = await replayCookies(browser, [cookie], baseURL);
  expect(result.session).toBeNull();
  expect(result.plansStatus).toBe(307);
  expect(result.plansLocation).toMatch(/\/sign-in$/);
  expect(result.live.status).toBe(401);
  expect(result.live.body).not.toContain("event:");
}
