import { randomBytes } from "node:crypto";
import { latLngToCell } from "h3-js";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { startPushService } from "../support/push-service";
import { captureAction, replayAction } from "./action-replay";
import { closeFriends, expect, newAccount, newVisitor, postSurfingNow, signUp, sql, test, userId } from "./support";

// The notification settings page: turning push on for this browser, the device list, the controls —
// and a real push, VAPID-signed and encrypted by the app, decrypted by a local push service.
test.describe.configure({ timeout: 90_000 });

const carcavelos = { latitude: 38.6786, longitude: -9.3357 };
const cascais = { latitude: 38.6979, longitude: -9.4215 };

// scripts/test.mjs passes the generated VAPID keys (.data/secrets.json) to Playwright and the server alike.
const vapidPublicKey = process.env.VAPID_PUBLIC_KEY;
if (!vapidPublicKey) throw new Error("VAPID_PUBLIC_KEY is not set: run the e2e suite through scripts/test.mjs");

type FakeDevice = { endpoint: string; p256dh: string; auth: string };

/**
 * Chromium's own push service (FCM) is out of reach in tests, so its PushManager.subscribe cannot
 * succeed. This REPLACES PushManager.prototype.subscribe and getSubscription in the page with ones
 * that hand out a subscription for `device` — an endpoint on the local push service, whose keys it
 * holds — so everything after the browser's part (the app's action, storage, VAPID, encryption,
 * delivery) is real. The key the page subscribes with is recorded for the test to check.
 */
async function fakePushManager(context: BrowserContext, device: FakeDevice) {
  await context.addInitScript((fake: FakeDevice) => {
    const KEY = "e2e-fake-push-subscription";
    const subscription = () => ({
      endpoint: fake.endpoint,
      expirationTime: null,
      options: { userVisibleOnly: true },
      getKey: () => null,
      toJSON: () => ({ endpoint: fake.endpoint, expirationTime: null, keys: { p256dh: fake.p256dh, auth: fake.auth } }),
      unsubscribe: async () => {
        localStorage.removeItem(KEY);
        return true;
      },
    });
    PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
      const key = new Uint8Array(options?.applicationServerKey as ArrayBuffer);
      localStorage.setItem(
        `${KEY}-key`,
        btoa(String.fromCharCode(...key))
          .replace(/\+/g, "-")
          .replace(/\//g, "_")
          .replace(/=+$/, ""),
      );
      localStorage.setItem(KEY, "1");
      return subscription() as unknown as PushSubscription;
    };
    PushManager.prototype.getSubscription = async function () {
      return (localStorage.getItem(KEY) ? subscription() : null) as unknown as PushSubscription | null;
    };
  }, device);
}

async function personWithPush(browser: Browser, name: string, device: FakeDevice, where = carcavelos) {
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": `198.51.${randomBytes(1)[0]}.${randomBytes(1)[0]}` },
    geolocation: where,
    permissions: ["geolocation", "notifications"],
    timezoneId: "Europe/Lisbon",
  });
  await fakePushManager(context, device);
  const page = await context.newPage();
  const account = newAccount(name);
  await signUp(page, account);
  return { context, page, account, id: await userId(account.email) };
}

async function postAndWait(page: Page) {
  await postSurfingNow(page);
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: /Posted|a friend is up for it too/ })
      .first(),
  ).toBeVisible();
}

test("turning push on for this device, being pushed a match, and removing the device", async ({ browser }) => {
  const service = await startPushService(vapidPublicKey);
  try {
    const device = service.device("alice-phone");
    const alice = await personWithPush(browser, "Alice Push", device);
    const page = alice.page;

    // Reached from the settings index, under the Privacy tab.
    await page.goto("/settings");
    await expect(page.getByRole("main").getByRole("link", { name: /Notifications/ })).toContainText("Push goes to no device yet");
    await page
      .getByRole("main")
      .getByRole("link", { name: /Notifications/ })
      .click();
    await expect(page).toHaveURL(/\/settings\/notifications$/);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Privacy" })).toHaveAttribute("aria-current", "true");
    await expect(page.getByRole("region", { name: "Your devices" })).toContainText("No devices yet");

    await page.getByRole("button", { name: "Turn on notifications on this device" }).click();
    await expect(page.getByText("On for this device", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Turn off on this device" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Your devices" })).toContainText(/Chrome on \w+/);
    expect(await page.evaluate(() => localStorage.getItem("e2e-fake-push-subscription-key"))).toBe(vapidPublicKey);
    const rows = await sql<{ endpoint: string; label: string }>("SELECT endpoint, label FROM push_subscriptions WHERE user_id = $1", [alice.id]);
    expect(rows).toEqual([{ endpoint: device.endpoint, label: expect.stringMatching(/^Chrome on /) }]);
    // The page itself never carries an endpoint.
    expect(await page.content()).not.toContain(device.endpoint);

    // Still on after a reload: the server recognises this browser's endpoint.
    await page.reload();
    await expect(page.getByText("On for this device", { exact: true })).toBeVisible();
    // And the settings index counts it.
    await page.goto("/settings");
    await expect(page.getByRole("main").getByRole("link", { name: /Notifications/ })).toContainText("Push goes to 1 device");
    await page.goto("/settings/notifications");

    // Quiet hours off, so that the match is pushed whatever the hour; the zone comes from the browser.
    const quietFrom = page.getByRole("combobox", { name: "From" });
    await expect(quietFrom).toBeVisible();
    await page.getByRole("radio", { name: "No quiet hours" }).check();
    await expect(quietFrom).toBeHidden(); // hours mean nothing without quiet hours
    await page.getByRole("radio", { name: "Quiet hours on" }).check();
    await expect(quietFrom).toBeVisible();
    await page.getByRole("radio", { name: "No quiet hours" }).check();
    await page.getByRole("checkbox", { name: "yoga" }).check();
    await page.getByLabel("Other activities").fill("Padel, padel");
    await page.getByRole("region", { name: "When to ping me" }).getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    const [controls] = await sql<{ quiet_hours_start: number | null; time_zone: string; muted_activities: string[] }>(
      "SELECT quiet_hours_start, time_zone, muted_activities FROM users WHERE id = $1",
      [alice.id],
    );
    expect(controls).toEqual({ quiet_hours_start: null, time_zone: "Europe/Lisbon", muted_activities: ["yoga", "padel"] });
    await expect(page.getByLabel("Other activities")).toHaveValue("padel"); // as stored, before any reload
    await page.reload();
    await expect(page.getByRole("radio", { name: "No quiet hours" })).toBeChecked();
    await expect(quietFrom).toBeHidden();
    await expect(page.getByRole("checkbox", { name: "yoga" })).toBeChecked();
    await expect(page.getByLabel("Other activities")).toHaveValue("padel");

    // A close friend nearby wants to surf too: the push job (every 5 s) pushes Alice the match.
    const bob = await newVisitor(browser);
    await bob.context.grantPermissions(["geolocation"]);
    await bob.context.setGeolocation(cascais);
    const bobAccount = newAccount("Bob Surf");
    await signUp(bob.page, bobAccount);
    await closeFriends(alice, { id: await userId(bobAccount.email) });
    await postAndWait(bob.page);
    await postAndWait(page);

    await expect.poll(() => service.received.filter((push) => push.device === device.name).length, { timeout: 15_000 }).toBe(1);
    const push = service.received.find((p) => p.device === device.name)!;
    const payload = push.payload as { title: string; body: string; url: string };
    expect(payload.body).toContain("Bob Surf");
    expect(payload.body).toContain("in your area");
    for (const where of [carcavelos, cascais]) {
      for (const resolution of [5, 6, 7]) expect(JSON.stringify(payload)).not.toContain(latLngToCell(where.latitude, where.longitude, resolution));
    }
    expect(service.rejected).toEqual([]);

    // Removing the device from the list: the row goes, and this browser shows push as off.
    await page.goto("/settings/notifications");
    await page.getByRole("button", { name: /^Remove Chrome on / }).click();
    const question = page.getByRole("group", { name: /^Remove Chrome on \w+\? It will get no more pushes\.$/ });
    await question.getByRole("button", { name: "No" }).click(); // asked first; "No" keeps it
    await expect(page.getByRole("region", { name: "Your devices" })).toContainText("Chrome on");
    await page.getByRole("button", { name: /^Remove Chrome on / }).click();
    await question.getByRole("button", { name: "Yes" }).click();
    await expect(page.getByRole("region", { name: "Your devices" })).toContainText("No devices yet");
    await expect(page.getByRole("button", { name: "Turn on notifications on this device" })).toBeVisible();
    expect(await sql("SELECT 1 FROM push_subscriptions WHERE user_id = $1", [alice.id])).toHaveLength(0);

    // And on again, then off here: the browser unsubscribes and the row goes.
    await page.getByRole("button", { name: "Turn on notifications on this device" }).click();
    await expect(page.getByText("On for this device", { exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Turn off on this device" }).click();
    await expect(page.getByRole("button", { name: "Turn on notifications on this device" })).toBeVisible();
    expect(await sql("SELECT 1 FROM push_subscriptions WHERE user_id = $1", [alice.id])).toHaveLength(0);
    expect(await page.evaluate(() => localStorage.getItem("e2e-fake-push-subscription"))).toBeNull();

    await bob.context.close();
    await alice.context.close();
  } finally {
    await service.stop();
  }
});

async function insertDevice(owner: string, label: string): Promise<string> {
  const [row] = await sql<{ id: string }>(
    "INSERT INTO push_subscriptions (id, user_id, endpoint, p256dh, auth, label) VALUES (gen_random_uuid(), $1, $2, 'BA', 'AA', $3) RETURNING id",
    [owner, `https://fcm.googleapis.com/fcm/send/${owner}`, label],
  );
  return row!.id;
}

test("a refused save of the push controls keeps every choice made, with the error at its field", async ({ page }) => {
  const quinn = newAccount("Quinn Quiet");
  await signUp(page, quinn);
  await page.goto("/settings/notifications");
  const controls = page.getByRole("region", { name: "When to ping me" });
  await controls.getByRole("combobox", { name: "Until" }).selectOption("22"); // the same hour as From: refused
  await controls.getByRole("checkbox", { name: "surfing" }).check();
  await controls.getByRole("radio", { name: "3 a day" }).check();
  await controls.getByLabel("Other activities").fill("padel, book club");
  await controls.getByRole("button", { name: "Save" }).click();
  await expect(controls.getByText("Quiet hours must end at a different hour than they start")).toBeVisible();
  await expect(controls.getByRole("combobox", { name: "Until" })).toHaveValue("22");
  await expect(controls.getByRole("checkbox", { name: "surfing" })).toBeChecked();
  await expect(controls.getByRole("radio", { name: "3 a day" })).toBeChecked();
  await expect(controls.getByLabel("Other activities")).toHaveValue("padel, book club");

  await controls.getByRole("combobox", { name: "Until" }).selectOption("7");
  await controls.getByRole("button", { name: "Save" }).click();
  await expect(controls.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  const [saved] = await sql<{ quiet_hours_end: number; push_daily_cap_per_friend: number; muted_activities: string[] }>(
    "SELECT quiet_hours_end, push_daily_cap_per_friend, muted_activities FROM users WHERE id = $1",
    [await userId(quinn.email)],
  );
  expect(saved).toEqual({ quiet_hours_end: 7, push_daily_cap_per_friend: 3, muted_activities: ["surfing", "padel", "book club"] });

  // An entry that can't be muted: the reason is read out with the field it is about.
  await controls.getByLabel("Other activities").fill("padel, !!!");
  await controls.getByRole("button", { name: "Save" }).click();
  await expect(controls.getByLabel("Other activities")).toHaveAccessibleDescription(/“!!!” can’t be muted: use letters or numbers/);
  await expect(controls.getByLabel("Other activities")).toHaveAttribute("aria-invalid", "true");
});

test("attacker: another user's device cannot be removed, a non-push endpoint is refused, no session means sign-in", async ({ browser, page }) => {
  const victimAccount = newAccount("Vic Victim");
  const victim = await newVisitor(browser);
  await signUp(victim.page, victimAccount);
  const victimDevice = await insertDevice(await userId(victimAccount.email), "Safari on iPhone");

  // Mallory's own Remove button, replayed with the victim's device id.
  const mallory = await personWithPush(browser, "Mallory Probe", {
    endpoint: "https://evil.example.com/x",
    p256dh: "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
    auth: "tBHItJI5svbpez7KI4CCXg",
  });
  const malloryDevice = await insertDevice(mallory.id, "Firefox on Windows");
  await mallory.page.goto("/settings/notifications");
  const remove = await captureAction(mallory.page, async () => {
    await mallory.page.getByRole("button", { name: "Remove Firefox on Windows" }).click();
    await mallory.page.getByRole("button", { name: "Yes" }).click();
  });
  const replay = await replayAction(mallory.page.request, remove, { [malloryDevice]: victimDevice });
  expect(replay.text).toContain("We couldn’t find that");
  expect(await sql("SELECT id FROM push_subscriptions WHERE id = ANY($1)", [[victimDevice, malloryDevice]])).toHaveLength(2);

  // A subscription whose endpoint is not a push service: the server would be made to POST there.
  await sql("DELETE FROM push_subscriptions WHERE id = $1", [malloryDevice]);
  await mallory.page.goto("/settings/notifications");
  await mallory.page.getByRole("button", { name: "Turn on notifications on this device" }).click();
  await expect(mallory.page.getByRole("main").getByRole("alert")).toContainText("not one we can send to");
  await expect(mallory.page.getByRole("button", { name: "Turn on notifications on this device" })).toBeVisible();
  expect(await sql("SELECT 1 FROM push_subscriptions WHERE user_id = $1", [mallory.id])).toHaveLength(0);

  await page.goto("/settings/notifications");
  await expect(page).toHaveURL(/\/sign-in/);

  await victim.context.close();
  await mallory.context.close();
});
