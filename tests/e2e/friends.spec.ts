import { expect, fillSignUp, formAlert, newAccount, newVisitor, signUp, sql, test } from "./support";
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

  const aliceMarksBob = page.getByRole("switch", { name: "Bob Joins is a close friend" });
  await expect(aliceMarksBob).toHaveAttribute("aria-checked", "false");
  // The switch flips at once; wait for the server's answer before reloading.
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST" && !!response.request().headers()["next-action"]),
    aliceMarksBob.click(),
  ]);
  await expect(aliceMarksBob).toHaveAttribute("aria-checked", "true");
  await page.reload();
  await expect(page.getByRole("switch", { name: "Bob Joins is a close friend" })).toHaveAttribute("aria-checked", "true");
  // one-directional: Bob's own mark for Alice is untouched
  await bob.page.reload();
  await expect(bob.page.getByRole("switch", { name: "Alice Invites is a close friend" })).toHaveAttribute("aria-checked", "false");

  await bob.page.getByRole("button", { name: "Remove Alice Invites" }).click();
  // The question says what removing does, and the row's other controls step aside while it is
  // asked (a "Block" after "Yes No" read as a third answer); No brings them back.
  const question = bob.page.getByRole("group", { name: /^Remove Alice Invites\?/ });
  await expect(question).toContainText("They aren’t told.");
  await expect(bob.page.getByRole("button", { name: "Block Alice Invites" })).toBeHidden();
  await expect(bob.page.getByRole("switch", { name: "Alice Invites is a close friend" })).toBeHidden();
  await question.getByRole("button", { name: "No" }).click();
  await expect(bob.page.getByRole("button", { name: "Block Alice Invites" })).toBeVisible();
  await expect(bob.page.getByRole("button", { name: "Remove Alice Invites" })).toBeFocused();
  await bob.page.getByRole("button", { name: "Remove Alice Invites" }).click();
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
