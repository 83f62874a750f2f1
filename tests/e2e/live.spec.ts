import { spawn, type ChildProcess } from "node:child_process";
import type { BrowserContext, Page } from "@playwright/test";
import { securityHeaders } from "../../lib/security-headers.js";
import { freePort } from "../../scripts/lib/database.mjs";
import { closeFriends, expect, personAt, test } from "./support";

// Several people sign up and act in each of these: give them room on a busy two-core machine.
test.describe.configure({ timeout: 90_000 });

const here = { latitude: 38.6786, longitude: -9.3357 };
const nearby = { latitude: 38.6979, longitude: -9.4215 };

async function post(page: Page) {
  await page.goto("/plans");
  await page.getByRole("button", { name: "Share my area" }).click();
  await expect(page.getByText(/We’ll share an area/)).toBeVisible();
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Posted" })).toBeVisible();
}

/** Reads a live stream with the context's cookies until `count` notification events arrived (0: until it is ready). */
async function readEvents(context: BrowserContext, baseURL: string, lastEventId: string | null, count: number) {
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const abort = new AbortController();
  const response = await fetch(`${baseURL}/api/events`, {
    headers: { cookie, ...(lastEventId ? { "last-event-id": lastEventId } : {}) },
    signal: abort.signal,
  });
  const reader = response.body!.getReader();
  let text = "";
  const deadline = Date.now() + 10_000;
  const done = () => (count === 0 ? text.includes("event: ready") : (text.match(/event: notification/g) ?? []).length >= count);
  while (!done() && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  abort.abort();
  return { status: response.status, type: response.headers.get("content-type"), headers: response.headers, text };
}

test("both friends see the match live, within 2 seconds, without reloading", async ({ browser }) => {
  const alice = await personAt(browser, "Alice Live", here);
  const bob = await personAt(browser, "Bob Live", nearby);
  await closeFriends(alice, bob);
  await post(alice.page);
  await expect(alice.page.getByTestId("unread-badge")).toHaveCount(0);

  await bob.page.setViewportSize({ width: 390, height: 844 }); // a phone: the main navigation is a bottom tab bar
  await post(bob.page);
  await expect(alice.page.getByTestId("live-toast")).toContainText("Bob Live is up for surfing too — in your area", { timeout: 2_000 });
  await expect(bob.page.getByTestId("live-toast")).toContainText("Alice Live is up for surfing too — in your area", { timeout: 2_000 });
  // The toast leaves the header and the main navigation usable while it is up.
  for (const page of [alice.page, bob.page]) {
    await page.evaluate(() => window.scrollTo(0, 0)); // the header scrolls with the page
    const toast = await page.getByTestId("live-toast").boundingBox();
    for (const bar of [page.getByRole("banner"), page.getByRole("navigation", { name: "Main" })]) {
      const box = await bar.boundingBox();
      const apart =
        !toast || !box || toast.y >= box.y + box.height || box.y >= toast.y + toast.height || toast.x >= box.x + box.width || box.x >= toast.x + toast.width;
      expect(apart, `toast over ${await bar.evaluate((element) => element.tagName)}`).toBe(true);
    }
  }
  // A toast that holds keyboard focus stays past its time (10 s), and goes once focus moves on.
  const toast = alice.page.getByTestId("live-toast");
  await toast.getByRole("button", { name: "Dismiss" }).focus();
  await alice.page.waitForTimeout(11_000);
  await expect(toast).toBeVisible();
  await alice.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Plans" }).focus();
  await expect(toast).toHaveCount(0, { timeout: 3_000 });
  await expect(alice.page.getByTestId("unread-badge")).toHaveText(/1/);

  await bob.page.reload();
  await bob.page.goto("/notifications");
  await expect(bob.page.getByText("Alice Live is up for surfing too — in your area")).toBeVisible();
  for (const p of [alice, bob]) await p.context.close();
});

test("a reconnecting stream gets what it missed (Last-Event-ID); without a session it is 401", async ({ browser, baseURL }) => {
  const alice = await personAt(browser, "Alice Resume", here);
  const bob = await personAt(browser, "Bob Resume", nearby);
  await closeFriends(alice, bob);
  await post(alice.page);
  // Where Alice's stream stands before the match: the ready event's id. Ids are sealed for their
  // reader, never the row number that counts everyone's notifications.
  const before = await readEvents(alice.context, baseURL!, null, 0);
  const since = /^id: ([A-Za-z0-9_-]{22})$/m.exec(before.text)?.[1];
  expect(since).toBeDefined();
  await post(bob.page);

  const missed = await readEvents(alice.context, baseURL!, since!, 1);
  expect(missed.status).toBe(200);
  expect(missed.type).toContain("text/event-stream");
  expect(missed.text).toContain("Bob Resume is up for surfing too — in your area");
  expect(missed.text).toMatch(/^id: [A-Za-z0-9_-]{22}$/m);
  expect(missed.text).not.toMatch(/^id: \d+$/m);
  expect(missed.text).not.toMatch(/[0-9a-f]{15}/); // no cell id
  // The production server answers this path itself, outside Next: it must not lose what Next adds.
  for (const { key, value } of securityHeaders({ production: true })) expect(missed.headers.get(key)).toBe(value);

  const anonymous = await fetch(`${baseURL}/api/events`);
  expect(anonymous.status).toBe(401);
  // HEAD, through the production server: the stream's headers, answered at once (no stream opened).
  const head = await alice.context.request.fetch("/api/events", { method: "HEAD", timeout: 5_000 });
  expect(head.status()).toBe(200);
  expect(head.headers()["content-type"]).toBe("text/event-stream; charset=utf-8");
  expect((await fetch(`${baseURL}/api/events`, { method: "HEAD" })).status).toBe(401);
  for (const p of [alice, bob]) await p.context.close();
});

test("a match caused through one app instance reaches a browser connected to another", async ({ browser }) => {
  const port = await freePort();
  const second: ChildProcess = spawn(process.execPath, ["scripts/server.mjs"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOSTNAME: "127.0.0.1", TRUSTED_PROXY_HOPS: "1" },
    stdio: "ignore",
  });
  try {
    const otherBase = `http://127.0.0.1:${port}`;
    await expect.poll(async () => (await fetch(`${otherBase}/sign-in`).catch(() => null))?.status ?? 0, { timeout: 30_000 }).toBe(200);

    const alice = await personAt(browser, "Alice B-side", here);
    const bob = await personAt(browser, "Bob A-side", nearby);
    await closeFriends(alice, bob);
    await post(alice.page);
    // Alice now watches through instance B (same database, same secret; cookies do not depend on the port).
    // Wait until her live stream is open, so the toast below comes through instance B's listener.
    const streaming = alice.page.waitForResponse((response) => response.url().startsWith(`${otherBase}/api/events`));
    await alice.page.goto(`${otherBase}/notifications`);
    await expect(alice.page.getByRole("heading", { name: "Notifications" })).toBeVisible();
    await streaming;
    await post(bob.page);
    await expect(alice.page.getByTestId("live-toast")).toContainText("Bob A-side is up for surfing too", { timeout: 2_000 });
    for (const p of [alice, bob]) await p.context.close();
  } finally {
    second.kill("SIGTERM");
  }
});

test("a stream the server refused (an outage) is reopened by the page, which says so meanwhile, and catches up", async ({ browser }) => {
  const alice = await personAt(browser, "Alice Outage", here);
  const bob = await personAt(browser, "Bob Outage", nearby);
  await closeFriends(alice, bob);
  await post(alice.page);
  // The server answers the stream with an error for a while: per the EventSource rules the browser
  // then gives up on it for good; the page must open it again by itself.
  let refused = 0;
  await alice.page.route("**/api/events**", async (route) => {
    refused++;
    await route.fulfill({ status: 503, body: "down" });
  });
  await alice.page.reload();
  await expect(alice.page.getByTestId("live-down")).toHaveText("Reconnecting to live updates…", { timeout: 10_000 });
  expect(refused).toBeGreaterThanOrEqual(2);
  for (const size of [
    { name: "phone", width: 390, height: 844 },
    { name: "desktop", width: 1280, height: 800 },
  ]) {
    await alice.page.setViewportSize(size);
    await alice.page.screenshot({ path: `screenshots/live-reconnecting-${size.name}.png` });
  }
  await post(bob.page); // the match is made while Alice's page has no stream
  await alice.page.unroute("**/api/events**");
  await expect(alice.page.getByTestId("live-toast")).toContainText("Bob Outage is up for surfing too — in your area", { timeout: 20_000 });
  await expect(alice.page.getByTestId("live-down")).toHaveCount(0);
  for (const p of [alice, bob]) await p.context.close();
});
