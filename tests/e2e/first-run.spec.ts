import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, personAt, postSurfingNow, shoot, sql, test } from "./support";

// A brand-new account's way to a first match: the plans page's checklist (invite a friend, mark
// close friends, post a plan), the question "Mark … as a close friend?" on both sides of a new
// friendship, and then two posts that match.

test.describe.configure({ timeout: 90_000 });

const carcavelos = { latitude: 38.6786, longitude: -9.3357 };
const cascais = { latitude: 38.6979, longitude: -9.4215 };

const checklist = (page: Page) => page.getByRole("region", { name: "Getting started" });
const step = (page: Page, name: string) => checklist(page).getByRole("listitem").filter({ hasText: name });

test("a new user follows the checklist to a first match; both sides are asked to mark the other close", async ({ browser }) => {
  const ana = await personAt(browser, "Ana First", carcavelos);
  await expect(checklist(ana.page)).toContainText("0 of 3 done");
  await expect(step(ana.page, "Invite a friend")).toContainText("(to do)");
  await shoot(ana.page, "first-run-checklist", { around: checklist(ana.page) });
  await expectNoAxeViolations(ana.page);

  // Step 1: the checklist's link leads to the invite panel.
  await step(ana.page, "Invite a friend").getByRole("link", { name: "Make an invite link" }).click();
  await expect(ana.page).toHaveURL(/\/friends#invite$/);
  await ana.page.getByRole("button", { name: "Make an invite link" }).click();
  const link = await ana.page.getByLabel(/Your invite link/).inputValue();

  const ben = await personAt(browser, "Ben Second", cascais);
  await ben.page.goto(link);
  await ben.page.getByRole("button", { name: "Become friends with Ana First" }).click();
  await expect(ben.page).toHaveURL(/\/friends\?joined=1$/);

  // The one who accepted is asked at once…
  const bensQuestion = ben.page.getByRole("region", { name: "New friend" });
  await expect(bensQuestion).toContainText("Mark Ana First as a close friend?");
  await shoot(ben.page, "first-run-close-prompt", { around: bensQuestion });
  await expectNoAxeViolations(ben.page);
  await bensQuestion.getByRole("button", { name: "Mark close: Ana First" }).click();
  await expect(bensQuestion).toHaveCount(0);
  await expect(ben.page.getByRole("button", { name: "Close friend: Ana First" })).toHaveAttribute("aria-pressed", "true");

  // …and so is the inviter, on their friends page.
  await ana.page.goto("/plans");
  await expect(checklist(ana.page)).toContainText("1 of 3 done");
  await expect(step(ana.page, "Invite a friend")).toContainText("You have 1 friend here.");
  await step(ana.page, "Mark close friends").getByRole("link", { name: "Choose close friends" }).click();
  const anasQuestion = ana.page.getByRole("region", { name: "New friend" });
  await anasQuestion.getByRole("button", { name: "Mark close: Ben Second" }).click();
  await expect(anasQuestion).toHaveCount(0);

  // Step 3: posting ticks the last step, and the checklist goes.
  await ana.page.goto("/plans");
  await expect(checklist(ana.page)).toContainText("2 of 3 done");
  await postSurfingNow(ana.page);
  await expect(ana.page.getByRole("status").filter({ hasText: "Posted." })).toBeVisible();
  await expect(checklist(ana.page)).toHaveCount(0);

  // The first match.
  await postSurfingNow(ben.page);
  await expect(ben.page.getByTestId("live-toast")).toContainText("Ana First is up for surfing too — in your area");
  await expect(ana.page.getByTestId("live-toast")).toContainText("Ben Second is up for surfing too — in your area");
});

test("“Not now” keeps the question away on this device; a friend already close, or of long standing, is not asked", async ({ browser }) => {
  const cleo = await personAt(browser, "Cleo Asked", null);
  const [dev, eve, finn] = [await personAt(browser, "Dev Recent", null), await personAt(browser, "Eve Close", null), await personAt(browser, "Finn Old", null)];
  await sql(
    `INSERT INTO friendships (owner_id, friend_id, close, created_at) VALUES
       ($1, $2, false, now()), ($2, $1, false, now()),
       ($1, $3, true, now()), ($3, $1, true, now()),
       ($1, $4, false, now() - interval '8 days'), ($4, $1, false, now() - interval '8 days')`,
    [cleo.id, dev.id, eve.id, finn.id],
  );
  await cleo.page.goto("/friends");
  const question = cleo.page.getByRole("region", { name: "New friend" });
  await expect(question.getByRole("listitem")).toHaveCount(1);
  await expect(question).toContainText("Mark Dev Recent as a close friend?");
  await question.getByRole("button", { name: "Not now: Dev Recent" }).click();
  await expect(question).toHaveCount(0);
  await cleo.page.reload();
  await expect(cleo.page.getByRole("heading", { name: "Your friends (3)" })).toBeVisible();
  await expect(cleo.page.getByRole("region", { name: "New friend" })).toHaveCount(0);
  // Nothing was marked.
  expect(await sql("SELECT close FROM friendships WHERE owner_id = $1 AND friend_id = $2", [cleo.id, dev.id])).toEqual([{ close: false }]);
});

test("an account older than two weeks is not shown the checklist", async ({ browser }) => {
  const old = await personAt(browser, "Olga Older", null);
  await sql("UPDATE users SET created_at = now() - interval '15 days' WHERE id = $1", [old.id]);
  await old.page.goto("/plans");
  await expect(old.page.getByRole("heading", { name: "Post a plan" })).toBeVisible();
  await expect(checklist(old.page)).toHaveCount(0);
});
