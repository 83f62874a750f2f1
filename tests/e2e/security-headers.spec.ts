import type { APIResponse, Page } from "@playwright/test";
import { newAccount, postSurfingNow, signUp, expect, test } from "./support";

// What the browser is told to enforce. Pages get a Content Security Policy with a fresh nonce per
// request (proxy.ts): Next.js stamps it on its own scripts, so a script someone manages to inject
// (stored or reflected XSS) does not run. Everything else carries the static headers. The suite runs
// the production build: HSTS is on, 'unsafe-eval' is off.

/** The policy's directives by name, each with its list of sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!, sources]),
  );
}

/** The one CSP header of a response (a second one would be enforced as well, and silently). */
function onlyPolicy(response: APIResponse): string {
  const policies = response.headersArray().filter(({ name }) => name.toLowerCase() === "content-security-policy");
  expect(policies.map(({ value }) => value)).toHaveLength(1);
  return policies[0]!.value;
}

const HSTS = "max-age=63072000; includeSubDomains";
/** What every response carries, whatever it is (the CSP differs: see below). */
const staticHeaders = {
  "strict-transport-security": HSTS,
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "same-origin",
};
/** Data and files are not documents: they may load nothing and be framed by no one. */
const RESOURCE_POLICY = "default-src 'none'; frame-ancestors 'none'";

function expectStaticHeaders(response: APIResponse, what: string) {
  for (const [name, value] of Object.entries(staticHeaders)) expect(response.headers()[name], `${what}: ${name}`).toBe(value);
}

/** Checks a page's policy and markup; returns its nonce. */
async function expectStrictPagePolicy(response: APIResponse, status = 200): Promise<string> {
  const what = new URL(response.url()).pathname;
  expect(response.status(), what).toBe(status);
  expectStaticHeaders(response, what);
  const policy = directives(onlyPolicy(response));
  const script = policy.get("script-src") ?? [];
  const nonce = script.find((source) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(source))?.slice("'nonce-".length, -1);
  expect(nonce, `script-src ${script.join(" ")}`).toBeTruthy();
  expect(script).toContain("'strict-dynamic'");
  expect(script).not.toContain("'unsafe-inline'");
  expect(script).not.toContain("'unsafe-eval'");
  expect(policy.get("default-src")).toEqual(["'self'"]);
  expect(policy.get("style-src")).not.toContain("'unsafe-inline'");
  expect(policy.get("object-src")).toEqual(["'none'"]);
  expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  expect(policy.get("base-uri")).toEqual(["'self'"]);
  expect(policy.get("form-action")).toEqual(["'self'"]);
  for (const name of ["connect-src", "worker-src", "manifest-src"]) expect(policy.get(name), name).toEqual(["'self'"]);

  // Every script the page was sent carries this request's nonce: none would run otherwise.
  const html = await response.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((tag) => !tag.includes(` nonce="${nonce}"`))).toEqual([]);
  return nonce!;
}

test("pages, signed out and signed in, carry a strict CSP with a fresh nonce on every request, and HSTS", async ({ page, request }) => {
  for (const [path, status] of [
    ["/", 200],
    ["/sign-in", 200],
    ["/sign-up", 200],
    ["/no-such-page", 404],
  ] as const) {
    const first = await expectStrictPagePolicy(await request.get(path), status);
    const second = await expectStrictPagePolicy(await request.get(path), status);
    expect(second, path).not.toBe(first);
  }

  await signUp(page, newAccount("Cass Policy"));
  const nonces = new Set<string>();
  for (const path of ["/plans", "/plans", "/friends", "/settings"]) nonces.add(await expectStrictPagePolicy(await page.request.get(path)));
  expect(nonces.size).toBe(4);
});

test("API routes, the live stream and static files carry the static headers and a policy that allows nothing", async ({ page, request }) => {
  const expectStatic = (response: APIResponse, what: string) => {
    expectStaticHeaders(response, what);
    expect(onlyPolicy(response), what).toBe(RESOURCE_POLICY);
  };
  expectStatic(await request.get("/api/auth/session"), "GET /api/auth/session");
  expectStatic(await request.get("/api/export"), "GET /api/export, signed out");
  // Answered by the production server itself, outside Next (lib/server/live/live-stream-node.ts).
  expectStatic(await request.get("/api/events"), "GET /api/events, signed out");
  expectStatic(await request.get("/manifest.webmanifest"), "the manifest");
  expectStatic(await request.get("/icons/icon-192.png"), "an icon");

  await signUp(page, newAccount("Dana Data"));
  expectStatic(await page.request.get("/api/export"), "GET /api/export");
  expectStatic(await page.request.fetch("/api/events", { method: "HEAD" }), "HEAD /api/events");

  // The service worker's own policy: it may fetch only from this origin.
  const worker = await request.get("/sw.js");
  expectStaticHeaders(worker, "/sw.js");
  expect(onlyPolicy(worker)).toBe("default-src 'self'; script-src 'self'");

  // The offline page is all inline (it must render from the cache alone): its script and style are
  // allowed by hash, nothing else.
  const offlinePage = await request.get("/offline.html");
  expectStaticHeaders(offlinePage, "/offline.html");
  const offline = directives(onlyPolicy(offlinePage));
  expect(offline.get("default-src")).toEqual(["'none'"]);
  expect(offline.get("script-src")).toEqual([expect.stringMatching(/^'sha256-[A-Za-z0-9+/]{43}='$/)]);
  expect(offline.get("style-src")).toEqual([expect.stringMatching(/^'sha256-[A-Za-z0-9+/]{43}='$/)]);
});

/** Records CSP violations from the first byte on: the listener is in place before any page script. */
async function watchViolations(page: Page) {
  const console: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) console.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push(`${event.effectiveDirective} ${event.blockedURI} (${event.sourceFile}:${event.lineNumber}:${event.columnNumber})`),
    );
  });
  return {
    console,
    events: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
  };
}

/** React has hydrated this element: it holds the props React attached when it took the page over. */
async function expectHydrated(page: Page, selector: string) {
  await expect
    .poll(() =>
      page
        .locator(selector)
        .first()
        .evaluate((element) => Object.keys(element).some((key) => key.startsWith("__reactProps$"))),
    )
    .toBe(true);
}

test.describe("an injected script", () => {
  // The refusals are the point here (support.ts fails any other test on one).
  test.use({ cspViolationsExpected: true });

  test("a script injected into a page does not run, while the page's own scripts do", async ({ page }) => {
    const violations = await watchViolations(page);
    // The real page with its real headers (policy included), plus what an XSS would add: an inline
    // script and an inline event handler, neither with the nonce.
    await page.route("**/sign-in", async (route) => {
      if (route.request().resourceType() !== "document") return route.fallback();
      const response = await route.fetch();
      const html = (await response.text()).replace(
        "</head>",
        '<script>window.__injected = "script"</script><img src="/no-such-image" onerror="window.__injected = \'handler\'"></head>',
      );
      await route.fulfill({ response, body: html });
    });
    await page.goto("/sign-in");
    await expectHydrated(page, "form");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();

    expect(await page.evaluate(() => (window as unknown as { __injected?: string }).__injected)).toBeUndefined();
    await expect
      .poll(violations.events)
      .toEqual(expect.arrayContaining([expect.stringMatching(/^script-src-elem inline /), expect.stringMatching(/^script-src-attr inline /)]));
    expect(violations.console.length).toBeGreaterThanOrEqual(2);
  });
});

test.describe("the policy breaks nothing", () => {
  test.use({ geolocation: { latitude: 38.6786, longitude: -9.3357 }, permissions: ["geolocation"] });

  test("no CSP violation anywhere on a walk through the app: sign-up, posting with location, friends, settings", async ({ page }) => {
    const violations = await watchViolations(page);
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));

    await page.goto("/");
    await expectHydrated(page, "a[href='/sign-up']");
    await signUp(page, newAccount("Walt Walker"));
    await postSurfingNow(page);
    await expect(page.getByRole("status").filter({ hasText: "Posted." })).toBeVisible();
    // The live stream (same-origin SSE) and the service worker both start on a signed-in page.
    await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL)).toMatch(/\/sw\.js$/);
    expect(await violations.events()).toEqual([]);

    await page.goto("/friends");
    await page.getByRole("button", { name: "Make an invite link" }).click();
    await expect(page.getByLabel(/Your invite link/)).toHaveValue(/\/invite\//);
    expect(await violations.events()).toEqual([]);

    await page.goto("/settings/precision");
    await expectHydrated(page, "main form");
    // A client-side navigation loads the next page's scripts on the fly ('strict-dynamic' lets them in).
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Friends" }).click();
    await expect(page).toHaveURL(/\/friends$/);
    await expect(page.getByRole("heading", { name: "Friends", level: 1 })).toBeVisible();
    expect(await violations.events()).toEqual([]);

    expect(violations.console).toEqual([]);
    expect(errors).toEqual([]);
  });
});
