import { addFriends, expect, expectNoAxeViolations, fillSignUp, formAlert, newAccount, newVisitor, signUp, sql, test, userId } from "./support";
import type { Page } from "@playwright/test";

// Several people sign up and act in each of these: give them room on a busy two-core machine.
test.describe.configure({ timeout: 90_000 });

function friendRow(page: Page, name: string) {
  return page
    .getByRole("region", { name: /Your friends/ })
    .getByRole("listitem")
    .filter({ hasText: name });
}

test("Alice invites Bob with a link; Bob signs up through it and accepts; close marks; Bob removes Alice", async ({ page, browser }) => {
  const alice = newAccount("Alice Invites");
  await signUp(page, alice);
  await page.getByRole("link", { name: "Friends" }).first().click();
  await expect(page.getByText("No friends here yet")).toBeVisible();

  await page.getByRole("button", { name: "Make an invite link" }).click();
  const link = await page.getByLabel(/Your invite link/).inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByText(/Open invite links \(1\)/)).toBeVisible();

  const bobAccount = newAccount("Bob Joins");
  const bob = await newVisitor(browser);
  await bob.page.goto(link);
  await expect(bob.page.getByText("Alice Invites")).toBeVisible();
  await expect(bob.page.getByText(`@${alice.handle}`)).toBeVisible();
  await bob.page.getByRole("link", { name: "Create an account to accept" }).click();
  await fillSignUp(bob.page, bobAccount, { keepUrl: true });
  await bob.page.getByRole("button", { name: "Create account" }).click();
  await expect(bob.page).toHaveURL(/\/invite\//);
  await bob.page.getByRole("button", { name: "Become friends with Alice Invites" }).click();
  await expect(bob.page).toHaveURL(/\/friends\?joined=1$/);
  await expect(friendRow(bob.page, "Alice Invites")).toBeVisible();

  await page.reload();
  await expect(friendRow(page, "Bob Joins")).toBeVisible();
  await expect(page.getByText(/Open invite links/)).toHaveCount(0);

  const aliceMarksBob = page.getByRole("button", { name: "Close friend: Bob Joins" });
  await expect(aliceMarksBob).toHaveAttribute("aria-pressed", "false");
  // The star fills at once; wait for the server's answer before reloading.
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST" && !!response.request().headers()["next-action"]),
    aliceMarksBob.click(),
  ]);
  await expect(aliceMarksBob).toHaveAttribute("aria-pressed", "true");
  await page.reload();
  await expect(page.getByRole("button", { name: "Close friend: Bob Joins" })).toHaveAttribute("aria-pressed", "true");
  // one-directional: Bob's own mark for Alice is untouched
  await bob.page.reload();
  await expect(bob.page.getByRole("button", { name: "Close friend: Alice Invites" })).toHaveAttribute("aria-pressed", "false");

  const more = bob.page.getByRole("button", { name: "More actions for Alice Invites" });
  await more.click();
  await bob.page.getByRole("menuitem", { name: "Remove" }).click();
  // The question says what removing does, and the row's other controls step aside while it is
  // asked (a star or a menu beside "Yes No" would read as more answers); No brings them back.
  const question = bob.page.getByRole("group", { name: /^Remove Alice Invites\?/ });
  await expect(question).toContainText("They aren’t told.");
  await expect(more).toBeHidden();
  await expect(bob.page.getByRole("button", { name: "Close friend: Alice Invites" })).toBeHidden();
  await question.getByRole("button", { name: "No" }).click();
  await expect(bob.page.getByRole("button", { name: "Close friend: Alice Invites" })).toBeVisible();
  await expect(more).toBeFocused();
  await more.click();
  await bob.page.getByRole("menuitem", { name: "Remove" }).click();
  await bob.page.getByRole("button", { name: "Yes, remove" }).click();
  await expect(bob.page.getByText("No friends here yet")).toBeVisible();
  // The row is gone: focus lands on what happened, not at the top of the page.
  const notice = bob.page.getByRole("status").filter({ hasText: "Removed Alice Invites." });
  await expect(notice).toBeVisible();
  await expect(notice).toBeFocused();
  await page.reload();
  await expect(page.getByText("No friends here yet")).toBeVisible();
  await bob.context.close();
});

test("a friend request by handle: notification and badge, accept, both become friends", async ({ page, browser }) => {
  const bobAccount = newAccount("Bob Receives");
  const bob = await newVisitor(browser);
  await signUp(bob.page, bobAccount);

  await signUp(page, newAccount("Alice Asks"));
  await page.goto("/friends");
  await page.getByLabel("Friend’s handle").fill(`@${bobAccount.handle.toUpperCase()}`);
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Request sent to Bob Receives." })).toBeVisible();
  await expect(page.getByRole("list", { name: "Requests you sent" })).toContainText("Bob Receives");

  await bob.page.goto("/plans");
  await expect(bob.page.getByTestId("unread-badge")).toHaveText(/1/);
  await bob.page.getByRole("link", { name: /Notifications/ }).click();
  await expect(bob.page.getByText("Alice Asks sent you a friend request")).toBeVisible();
  await expect(bob.page.getByTestId("unread-badge")).toHaveCount(0);
  await bob.page.getByText("Alice Asks sent you a friend request").click();
  await bob.page.getByRole("button", { name: "Accept Alice Asks" }).click();
  await expect(friendRow(bob.page, "Alice Asks")).toBeVisible();

  await page.reload();
  await expect(friendRow(page, "Bob Receives")).toBeVisible();
  await bob.context.close();
});

test("a dead or malformed invite link shows a clear page and changes nothing", async ({ page }) => {
  const account = newAccount();
  await signUp(page, account);
  for (const token of ["not-a-real-token", "A".repeat(43)]) {
    const response = await page.goto(`/invite/${token}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "This invite link can’t be used" })).toBeVisible();
  }
  expect(await sql("SELECT 1 FROM friendships f JOIN users u ON u.id = f.owner_id WHERE u.email = $1", [account.email])).toHaveLength(0);
});

test("adding by handle explains bad input next to the field", async ({ page }) => {
  await signUp(page, newAccount());
  await page.goto("/friends");
  await page.getByLabel("Friend’s handle").fill("two words");
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByLabel("Friend’s handle")).toHaveAttribute("aria-invalid", "true");
  await expect(formAlert(page)).toContainText("no spaces");
});

test("a friend's overflow menu works by keyboard alone: Tab to it, open, arrow to Block, confirm", async ({ page }) => {
  const sam = newAccount("Sam Keys");
  await signUp(page, sam);
  const id = await userId(sam.email);
  await addFriends({ id }, ["Ana Keys", "Ben Keys"], { close: ["Ana Keys"] });
  await page.goto("/friends");
  await expect(page.getByRole("button", { name: "Close friend: Ana Keys" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("button", { name: "Close friend: Ben Keys" })).toHaveAttribute("aria-pressed", "false");
  // Nothing red is shown until asked for.
  await expect(friendRow(page, "Ana Keys").getByRole("button", { name: /Remove|Block/ })).toHaveCount(0);

  await page.getByRole("button", { name: "Close friend: Ana Keys" }).focus();
  await page.keyboard.press("Tab");
  const more = page.getByRole("button", { name: "More actions for Ana Keys" });
  await expect(more).toBeFocused();
  await expect(more).toHaveAttribute("aria-expanded", "false");

  // Enter opens it on the first item; Escape closes it and focus goes back to the button.
  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu", { name: "More actions for Ana Keys" });
  await expect(menu).toBeVisible();
  await expect(more).toHaveAttribute("aria-expanded", "true");
  await expect(menu.getByRole("menuitem", { name: "Remove" })).toBeFocused();
  await expectNoAxeViolations(page);
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(more).toBeFocused();

  // A click outside closes it too.
  await page.keyboard.press("Space");
  await expect(menu).toBeVisible();
  await page.getByRole("heading", { name: "Friends", level: 1 }).click();
  await expect(menu).toBeHidden();

  // ArrowDown opens it; arrows move and wrap round.
  await more.focus();
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitem", { name: "Remove" })).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(menu.getByRole("menuitem", { name: "Block" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitem", { name: "Remove" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitem", { name: "Block" })).toBeFocused();
  await page.keyboard.press("Enter");

  // The same question as ever, with focus on "No"; Shift+Tab to "Yes, block".
  const question = page.getByRole("group", { name: /^Block Ana Keys\? You won’t be matched with each other/ });
  await expect(question).toContainText("They aren’t told.");
  await expect(question.getByRole("button", { name: "No" })).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(question.getByRole("button", { name: "Yes, block" })).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(page.getByRole("status").filter({ hasText: "Blocked Ana Keys." })).toBeFocused();
  await expect(friendRow(page, "Ana Keys")).toHaveCount(0);
  await expect(friendRow(page, "Ben Keys")).toBeVisible();
  await expect(page.getByRole("region", { name: "Blocked" })).toContainText("Ana Keys");
  expect(await sql("SELECT 1 FROM blocks b JOIN users u ON u.id = b.blocked_id WHERE b.blocker_id = $1 AND u.display_name = 'Ana Keys'", [id])).toHaveLength(1);
});
