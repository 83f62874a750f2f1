import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, personAt, shoot, sql, test } from "./support";

// The composer says plainly when the chosen audience has nobody in it, and offers the fix in place:
// no friends yet → invite one; friends but none marked close (the default audience) → share with all
// of them instead, or mark some close.

test.describe.configure({ timeout: 90_000 });

const here = { latitude: 38.6786, longitude: -9.3357 };

const audienceField = (page: Page) => page.getByRole("group", { name: "Who can match" });
const hint = (page: Page) => audienceField(page).getByRole("status");

test("no friends, then friends none of them close: the composer says nobody will hear, and fixes it in place", async ({ browser }) => {
  const ana = await personAt(browser, "Ana Alone", here);
  await ana.page.goto("/plans");
  await expect(hint(ana.page)).toContainText("You have no friends here yet — nobody will hear about this.");
  await expect(hint(ana.page).getByRole("link", { name: "Invite a friend" })).toHaveAttribute("href", "/friends");
  await shoot(ana.page, "audience-hint-no-friends", { around: audienceField(ana.page) });

  const ben = await personAt(browser, "Ben Unmarked", null);
  await sql("INSERT INTO friendships (owner_id, friend_id, close) VALUES ($1, $2, false), ($2, $1, true)", [ana.id, ben.id]);
  await ana.page.reload();
  // Ben marked Ana close; what counts for Ana's plans is whom *she* marked.
  await expect(hint(ana.page)).toContainText("You haven’t marked anyone close yet — nobody will hear about this.");
  await expect(hint(ana.page).getByRole("link", { name: "Mark close friends" })).toHaveAttribute("href", "/friends");
  await shoot(ana.page, "audience-hint-none-close", { around: audienceField(ana.page) });
  await expectNoAxeViolations(ana.page);

  // Choosing "All friends" by hand says nothing more; going back to close friends says it again.
  const choose = (label: string) => audienceField(ana.page).getByText(label, { exact: true }).click();
  await choose("All friends");
  await expect(ana.page.getByRole("radio", { name: "All friends" })).toBeChecked();
  await expect(hint(ana.page)).toBeEmpty();
  await choose("Close friends");
  await expect(hint(ana.page)).not.toBeEmpty();

  // The fix in place: the plan goes to all (one) friends, and the form posts it that way.
  await hint(ana.page).getByRole("button", { name: "Share with all 1 friend instead" }).click();
  await expect(ana.page.getByRole("radio", { name: "All friends" })).toBeChecked();
  await expect(hint(ana.page)).toBeEmpty();
  await ana.page.getByRole("radio", { name: "surfing" }).check();
  await ana.page.getByRole("button", { name: "Share my area" }).click();
  await ana.page.getByRole("button", { name: "Post", exact: true }).click();
  await expect
    .poll(async () => (await sql<{ audience: string }>("SELECT audience FROM plans WHERE user_id = $1", [ana.id])).map((p) => p.audience))
    .toEqual(["friends"]);

  // Once someone is marked close, the default audience reaches them: nothing to say.
  await sql("UPDATE friendships SET close = true WHERE owner_id = $1", [ana.id]);
  await ana.page.reload();
  await expect(ana.page.getByRole("radio", { name: "Close friends" })).toBeChecked();
  await expect(hint(ana.page)).toBeEmpty();
});
