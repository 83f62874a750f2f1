import { captureAction, replayAction } from "./action-replay";
import { closeFriends, expect, expectNoAxeViolations, personAt, postSurfingNow, shoot, sql, test } from "./support";

// Asking close friends directly: Ana sends her surfing plan to Ben from its card; Ben is told the
// activity and the time — no area — and his "I'm in" shows on Ana's page live.

test.describe.configure({ timeout: 120_000 });

const NOT_FOUND = "find that";

const here = { latitude: 38.6786, longitude: -9.3357 };
const farAway = { latitude: 41.1496, longitude: -8.611 };

test("Ana asks Ben from her plan card; Ben answers 'I'm in' and Ana sees it live", async ({ browser }) => {
  const ana = await personAt(browser, "Ana Ask", here);
  const ben = await personAt(browser, "Ben Ask", farAway);
  await closeFriends(ana, ben);
  await postSurfingNow(ana.page);
  await expect(ana.page.getByRole("status").filter({ hasText: "Posted" })).toBeVisible();
  await ben.page.goto("/plans");

  await ana.page.getByRole("button", { name: "Ask friends about surfing" }).click();
  const form = ana.page.getByRole("form", { name: "Ask friends about surfing" });
  // Nobody chosen: a field error, and nothing stored.
  await form.getByRole("button", { name: /^Ask/ }).click();
  await expect(form.getByText("Choose at least one close friend to ask")).toBeVisible();
  expect(await sql("SELECT 1 FROM matches WHERE asker_id = $1", [ana.id])).toHaveLength(0);
  await form.getByLabel("Ben Ask").check();
  await expectNoAxeViolations(ana.page);
  await shoot(ana.page, "ask-choose", { around: form });
  await form.getByRole("button", { name: "Ask 1 friend" }).click();
  await expect(ana.page.getByText("Asked 1 friend about surfing.")).toBeVisible();

  // Ben, 275 km away, is asked all the same — and told nothing about where Ana is.
  const toast = ben.page.getByTestId("live-toast");
  await expect(toast).toContainText("Ana Ask asks: up for surfing?");
  await toast.getByRole("link").click();
  await expect(ben.page).toHaveURL(/\/matches\/[0-9a-f-]{36}$/);
  await expect(ben.page.getByRole("heading", { level: 1 })).toHaveText("Ana Ask asks: up for surfing?");
  await expect(ben.page.getByTestId("match-when")).not.toContainText("area");
  await expectNoAxeViolations(ben.page);
  await shoot(ben.page, "ask-received");

  // Ana opens it from her plan card, and sees Ben's answer arrive.
  await ana.page.getByRole("link", { name: "Asked Ben Ask" }).click();
  await expect(ana.page.getByRole("heading", { level: 1 })).toHaveText("You asked Ben Ask: up for surfing?");
  await expect(ana.page.getByTestId("answers")).toContainText("Ben Ask hasn’t answered yet");
  await ben.page.getByRole("button", { name: "I’m in" }).click();
  await expect(ben.page.getByRole("button", { name: "I’m in" })).toHaveAttribute("aria-pressed", "true");
  await expect(ana.page.getByTestId("answers")).toContainText("Ben Ask’s in");
  await shoot(ana.page, "ask-answered");
  for (const who of [ana, ben]) await who.context.close();
});

test("an ask replayed to a stranger, a friend not marked close or a blocked friend, or by someone else, is 'not found' and stores nothing", async ({
  browser,
}) => {
  const ana = await personAt(browser, "Ana AskGuard", here);
  const ben = await personAt(browser, "Ben AskGuard", here);
  const mallory = await personAt(browser, "Mallory AskGuard", here);
  const notClose = await personAt(browser, "Nico AskGuard", here);
  const blocked = await personAt(browser, "Bo AskGuard", here);
  await closeFriends(ana, ben);
  await closeFriends(ana, blocked);
  await sql("INSERT INTO friendships (owner_id, friend_id, close) VALUES ($1, $2, false), ($2, $1, true)", [ana.id, notClose.id]);
  await postSurfingNow(ana.page);
  await expect(ana.page.getByRole("status").filter({ hasText: "Posted" })).toBeVisible();
  await ana.page.getByRole("button", { name: "Ask friends about surfing" }).click();
  await ana.page.getByLabel("Ben AskGuard").check();
  const ask = await captureAction(ana.page, () => ana.page.getByRole("button", { name: "Ask 1 friend" }).click());
  expect(ask.body).toContain(ben.id);
  await sql("DELETE FROM friendships WHERE (owner_id = $1 AND friend_id = $2) OR (owner_id = $2 AND friend_id = $1)", [ana.id, blocked.id]);
  await sql("INSERT INTO blocks (blocker_id, blocked_id) VALUES ($1, $2)", [blocked.id, ana.id]);
  // (The e2e database is shared by every spec: only these people's asks.)
  const asks = () => sql("SELECT 1 FROM matches WHERE asker_id = ANY($1::uuid[])", [[ana, ben, mallory, notClose, blocked].map((who) => who.id)]);

  for (const stranger of [mallory, notClose, blocked]) {
    expect((await replayAction(ana.context.request, ask, { [ben.id]: stranger.id })).text, stranger.account.displayName).toContain(NOT_FOUND);
  }
  // Someone else sending Ana's plan to Ben: the plan is not theirs.
  expect((await replayAction(mallory.context.request, ask, {})).text).toContain(NOT_FOUND);
  expect((await replayAction(ben.context.request, ask, { [ben.id]: ana.id })).text).toContain(NOT_FOUND);
  expect(await asks()).toHaveLength(0);
  // Ana's own ask goes through.
  expect((await replayAction(ana.context.request, ask, {})).text).not.toContain(NOT_FOUND);
  expect(await asks()).toHaveLength(1);
  for (const who of [ana, ben, mallory, notClose, blocked]) await who.context.close();
});
