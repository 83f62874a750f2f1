import type { Browser, Cookie } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { newAccount, signOut, signUp, sql, expect, test } from "./support";

/** What a second browser holding a copy of these cookies gets: the session API's answer and /now's status. */
async function replayCookies(browser: Browser, cookies: Cookie[]) {
  const context = await browser.newContext();
  await context.addCookies(cookies);
  const session = await (await context.request.get("/api/auth/session")).json();
  await context.clearCookies();
  await context.addCookies(cookies);
  const now = await context.request.get("/now", { maxRedirects: 0 });
  await context.close();
  return { session, nowStatus: now.status(), nowLocation: now.headers()["location"] };
}

test("session cookies are HttpOnly and SameSite", async ({ page }) => {
  await signUp(page, newAccount());
  const cookie = (await page.context().cookies()).find((c) => c.name.endsWith("authjs.session-token"));
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
});

test("signing out ends the session on the server: a copied cookie stops working", async ({ page, browser }) => {
  const account = newAccount("Casey Copy");
  await signUp(page, account);
  const cookies = await page.context().cookies();

  const before = await replayCookies(browser, cookies);
  expect(before.session?.user?.handle).toBe(account.handle);
  expect(before.nowStatus).toBe(200);

  await signOut(page);
  const after = await replayCookies(browser, cookies);
  expect(after.session).toBeNull();
  expect(after.nowStatus).toBe(307);
  expect(after.nowLocation).toMatch(/\/sign-in$/);
});

test("a disabled account's session stops working on the next request", async ({ page }) => {
  const account = newAccount();
  await signUp(page, account);
  await sql("UPDATE users SET disabled_at = now() WHERE email = $1", [account.email]);
  await page.goto("/now");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("a deleted account's session stops working on the next request", async ({ page }) => {
  const account = newAccount();
  await signUp(page, account);
  await sql("DELETE FROM users WHERE email = $1", [account.email]);
  await page.goto("/now");
  await expect(page).toHaveURL(/\/sign-in$/);
  expect((await (await page.request.get("/api/auth/session")).json())).toBeNull();
});

test("a made-up session cookie is ignored", async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  await context.addCookies([{ name: "authjs.session-token", value: "forged.value.here", url: baseURL! }]);
  const page = await context.newPage();
  await page.goto("/now");
  await expect(page).toHaveURL(/\/sign-in$/);
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
    await encode({ salt, secret, token: { sub: user!.id, name: account.displayName } }),
    await encode({ salt, secret, token: { sid: "no-such-session", user: { id: user!.id, displayName: "x", handle: "x" } } }),
  ];
  for (const value of forged) {
    const result = await replayCookies(browser, [{ name: salt, value, domain: new URL(baseURL!).hostname, path: "/", expires: -1, httpOnly: true, secure: false, sameSite: "Lax" }]);
    expect(result.session).toBeNull();
    expect(result.nowStatus).toBe(307);
  }
});
