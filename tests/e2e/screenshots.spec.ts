import type { Page } from "@playwright/test";
import { addFriends, localDateTime, newAccount, newVisitor, signUp, sql, userId, expect, test } from "./support";

// Screenshots of the main pages at phone and desktop sizes, in light and dark, saved to screenshots/
// (git-ignored) for people to look at. Each also checks that the page shows what it should and does
// not scroll sideways.
const sizes = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 800 },
].flatMap((size) => [
  { ...size, scheme: "light" as const },
  { ...size, name: `${size.name}-dark`, scheme: "dark" as const },
]);

async function capture(page: Page, name: string, size: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "page scrolls sideways").toBeLessThanOrEqual(0);
  // What the first screen shows, and the whole page (fixed bars then appear where the first screen ends).
  await page.screenshot({ path: `screenshots/${name}-${size}.png` });
  await page.screenshot({ path: `screenshots/${name}-${size}-full.png`, fullPage: true });
}

for (const size of sizes) {
  test.describe(`${size.name} ${size.width}x${size.height}`, () => {
    test.use({ viewport: { width: size.width, height: size.height }, colorScheme: size.scheme });

    test("landing", async ({ page }) => {
      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1 })).toContainText("surf now");
      await capture(page, "landing", size.name);
    });

    test("sign-up with a field error", async ({ page }) => {
      await page.goto("/sign-up");
      await page.getByLabel("Your name").fill("Sam Surfer");
      await page.getByLabel("Handle").fill("sam surfer");
      await page.getByRole("button", { name: "Create account" }).click();
      await expect(page.getByText("Use only letters, numbers and underscores")).toBeVisible();
      await capture(page, "sign-up-error", size.name);
    });

    test("offline page", async ({ page }) => {
      await page.goto("/offline.html");
      await expect(page.getByRole("heading", { name: "You’re offline" })).toBeVisible();
      await capture(page, "offline", size.name);
    });

    test("sign-in", async ({ page }) => {
      await page.goto("/sign-in");
      await expect(page.getByRole("heading", { name: "Welcome back" })).toBeVisible();
      await capture(page, "sign-in", size.name);
    });

    test("signed-in shell", async ({ page }) => {
      await signUp(page, newAccount("Sam Surfer"));
      await expect(page.getByTestId("signed-in-name")).toBeVisible();
      await capture(page, "plans", size.name);
    });

    test("friends: empty, then with a request and friends", async ({ page, browser }) => {
      test.slow(); // three people sign up
      const sam = newAccount("Sam Surfer");
      await signUp(page, sam);
      await page.goto("/friends");
      await expect(page.getByText("No friends here yet")).toBeVisible();
      await capture(page, "friends-empty", size.name);

      for (const name of ["Robin Climber", "Kai Tennis"]) {
        const friend = await newVisitor(browser);
        await signUp(friend.page, newAccount(name));
        await friend.page.goto("/friends");
        await friend.page.getByLabel("Friend’s handle").fill(sam.handle);
        await friend.page.getByRole("button", { name: "Send request" }).click();
        await expect(friend.page.getByRole("status").filter({ hasText: "Request sent" })).toBeVisible();
        await friend.context.close();
      }
      await page.reload();
      await page.getByRole("button", { name: "Accept Robin Climber" }).click();
      const robinIsClose = page.getByRole("button", { name: "Close friend: Robin Climber" });
      await robinIsClose.click();
      await expect(robinIsClose).toHaveAttribute("aria-pressed", "true");
      // A list long enough to read as one: some close, a long name and handle that must give way.
      const others = ["Ana Lima", "Ben Okafor", "Cleo Marchetti-Delacroix", "Dev Patel", "Eli Surf", "Fatima Noor", "Gus Ng"];
      await addFriends({ id: await userId(sam.email) }, others, { close: ["Ana Lima", "Dev Patel", "Gus Ng"] });
      await page.reload();
      await expect(page.getByRole("region", { name: /Your friends \(8\)/ })).toBeVisible();
      await page.getByRole("button", { name: "Make an invite link" }).click();
      await expect(page.getByLabel(/Your invite link/)).toBeVisible();
      await capture(page, "friends-with-requests", size.name);
      const more = page.getByRole("button", { name: "More actions for Dev Patel" });
      await more.scrollIntoViewIfNeeded();
      await more.click();
      await expect(page.getByRole("menu", { name: "More actions for Dev Patel" })).toBeVisible();
      await page.screenshot({ path: `screenshots/friends-menu-open-${size.name}.png` });
      await page.getByRole("menuitem", { name: "Block" }).click();
      await expect(page.getByRole("group", { name: /^Block Dev Patel\?/ })).toBeVisible();
      await page.screenshot({ path: `screenshots/friends-block-asked-${size.name}.png` });
      await page.keyboard.press("Escape");

      await page.goto("/notifications");
      await expect(page.getByText("Kai Tennis sent you a friend request")).toBeVisible();
      await capture(page, "notifications", size.name);
    });

    test("now: the composer, a posted plan, and a match received", async ({ page, browser }) => {
      test.slow(); // two people, a post each, and seven pages captured
      const where = { latitude: 38.6786, longitude: -9.3357 };
      await page.context().grantPermissions(["geolocation"]);
      await page.context().setGeolocation(where);
      const sam = newAccount("Sam Surfer");
      await signUp(page, sam);
      await page.getByRole("button", { name: "Share my area" }).click();
      await expect(page.getByText(/We’ll share an area/)).toBeVisible();
      await capture(page, "composer", size.name);
      // A refused post: the field says why, and everything chosen stays as it was.
      await page.getByRole("group", { name: "When" }).getByText("Pick times", { exact: true }).click();
      await page.getByLabel("From").fill(localDateTime(1, 18));
      await page.getByLabel("Until").fill(localDateTime(1, 17));
      await page.getByLabel("Note (optional)").fill("Bringing a spare board");
      await page.getByRole("button", { name: "Post", exact: true }).click();
      await expect(page.getByText("The end must be after the start")).toBeVisible();
      await capture(page, "composer-refused", size.name);

      const friend = await newVisitor(browser);
      await friend.context.grantPermissions(["geolocation"]);
      await friend.context.setGeolocation({ latitude: 38.6979, longitude: -9.4215 });
      const robin = newAccount("Robin Waves");
      await signUp(friend.page, robin);
      await sql("INSERT INTO friendships (owner_id, friend_id, close) VALUES ($1, $2, true), ($2, $1, true)", [
        await userId(sam.email),
        await userId(robin.email),
      ]);
      for (const p of [page, friend.page]) {
        await p.goto("/plans");
        await p.getByRole("button", { name: "Share my area" }).click();
        await p
          .getByLabel("Note (optional)")
          .fill(p === page ? "Bringing a spare board, and a note long enough to wrap: N".padEnd(140, "N") : "Bringing a spare board");
        await p.getByRole("button", { name: "Post", exact: true }).click();
        await expect(p.getByRole("status").filter({ hasText: "Posted" })).toBeVisible();
      }
      // As the page shows it right after posting (the list updated in place, the form reset) …
      await expect(page.getByRole("region", { name: "Your plans" })).toContainText("Bringing a spare board");
      await capture(page, "now-just-posted", size.name);
      // … and as it is served.
      await page.reload();
      await expect(page.getByRole("region", { name: "Your plans" })).toContainText("Bringing a spare board");
      await capture(page, "now-with-plan", size.name);
      await page.getByRole("button", { name: "Edit surfing" }).click();
      await expect(page.getByRole("form", { name: "Edit surfing" }).getByRole("radio", { name: "Pick times" })).toBeChecked();
      await capture(page, "plan-edit", size.name);
      await page.goto("/notifications");
      await expect(page.getByText("Robin Waves is up for surfing too — in your area")).toBeVisible();
      await capture(page, "match-received", size.name);
      await page.getByText("Robin Waves is up for surfing too — in your area").click();
      await expect(page).toHaveURL(/\/matches\//);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await capture(page, "match", size.name);
      await page.goto("/settings/ledger");
      await expect(page.getByRole("main")).toContainText("Robin Waves");
      await capture(page, "ledger", size.name);
      await page.goto("/settings/data");
      await expect(page.getByRole("main")).toContainText(sam.email);
      await capture(page, "what-we-store", size.name);
      await friend.context.close();
    });

    test("settings: the index while sharing is paused, a choice saved", async ({ page }) => {
      await signUp(page, newAccount("Sam Surfer"));
      await page.goto("/settings/pause");
      await page.getByRole("button", { name: "Pause for 8 hours" }).click();
      await expect(page.getByRole("button", { name: "Resume sharing", exact: true })).toBeVisible();
      await capture(page, "settings-pause", size.name);
      await page.goto("/settings");
      await expect(page.getByRole("link", { name: /Pause sharing/ })).toContainText("Paused until");
      await capture(page, "settings-index", size.name);
      await page.goto("/settings/precision");
      await page.getByRole("radio", { name: /Town/ }).check();
      await expect(page.getByRole("button", { name: "Undo" })).toBeVisible();
      await capture(page, "settings-precision-saved", size.name);
    });

    test("appearance", async ({ page }) => {
      await signUp(page, newAccount("Sam Surfer"));
      await page.goto("/settings/appearance");
      await expect(page.getByRole("radio", { name: /System/ })).toBeChecked();
      await capture(page, "appearance", size.name);
    });

    test("notification settings with a device and quiet hours", async ({ page }) => {
      const sam = newAccount("Sam Surfer");
      await signUp(page, sam);
      const id = await userId(sam.email);
      await sql(
        "INSERT INTO push_subscriptions (id, user_id, endpoint, p256dh, auth, label) VALUES (gen_random_uuid(), $1, $2, 'BA', 'AA', 'Chrome on Android')",
        [id, `https://fcm.googleapis.com/fcm/send/${id}`],
      );
      await sql("UPDATE users SET muted_activities = '{yoga,padel}' WHERE id = $1", [id]);
      await page.goto("/settings/notifications");
      await expect(page.getByRole("region", { name: "Your devices" })).toContainText("Chrome on Android");
      await expect(page.getByRole("button", { name: "Turn on notifications on this device" })).toBeVisible();
      await capture(page, "notification-settings", size.name);
    });

    test("invite page for a signed-out visitor", async ({ page, browser }) => {
      const inviter = await newVisitor(browser);
      await signUp(inviter.page, newAccount("Noa Inviter"));
      await inviter.page.goto("/friends");
      await inviter.page.getByRole("button", { name: "Make an invite link" }).click();
      const link = await inviter.page.getByLabel(/Your invite link/).inputValue();
      await inviter.context.close();
      await page.goto(link);
      await expect(page.getByText("invited you to be friends")).toBeVisible();
      await capture(page, "invite", size.name);
    });
  });
}
