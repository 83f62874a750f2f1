import { closeFriends, expect, expectNoAxeViolations, newVisitor, personAt, postSurfingNow, shoot, sql, test } from "./support";

// From a match to a meet-up: two people match, one answers and says they are on the way, the other
// sees it live without a reload and answers back; one cancels and the other sees "out" live.

test.describe.configure({ timeout: 120_000 });

const here = { latitude: 38.6786, longitude: -9.3357 };
const nearby = { latitude: 38.6979, longitude: -9.4215 };

test("two friends answer a match live, and a cancel shows as out", async ({ browser }) => {
  const ana = await personAt(browser, "Ana Meet", here);
  const ben = await personAt(browser, "Ben Meet", nearby);
  await closeFriends(ana, ben);
  // Ana's note is for friends she matches with too.
  await ana.page.goto("/plans");
  await ana.page.getByRole("radio", { name: "surfing" }).check();
  await ana.page.getByRole("button", { name: "Share my area" }).click();
  await ana.page.getByLabel("Note (optional)").fill("spare board in the van");
  await ana.page.getByLabel("Show my note to friends I match with").check();
  await ana.page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(ana.page.getByRole("status").filter({ hasText: "Posted" })).toBeVisible();
  await postSurfingNow(ben.page);

  // The toast leads to the match page.
  const toast = ana.page.getByTestId("live-toast");
  await expect(toast).toContainText("Ben Meet is up for surfing too — in your area");
  await toast.getByRole("link").click();
  await expect(ana.page).toHaveURL(/\/matches\/[0-9a-f-]{36}$/);
  const matchUrl = ana.page.url();
  await expect(ana.page.getByRole("heading", { level: 1 })).toHaveText("Ben Meet is up for surfing too");
  await expect(ana.page.getByTestId("match-when")).toContainText(/Today .+–.+ · in your area$/);
  await expectNoAxeViolations(ana.page);

  // Ben opens it from his plan card.
  await ben.page.goto("/plans");
  await ben.page.getByRole("link", { name: "Matched with Ana Meet" }).click();
  await expect(ben.page).toHaveURL(matchUrl);
  await expect(ben.page.getByTestId("friend-note")).toHaveText("Ana Meet’s note: “spare board in the van”");
  await shoot(ben.page, "match-before-answers");

  // Ana is in and on her way; Ben sees both without reloading.
  await ana.page.getByRole("button", { name: "I’m in" }).click();
  await expect(ana.page.getByRole("button", { name: "I’m in" })).toHaveAttribute("aria-pressed", "true");
  await expect(ben.page.getByTestId("answers")).toContainText("Ana Meet’s in");
  await ana.page.getByLabel("There in about").selectOption("30");
  await ana.page.getByRole("button", { name: "On my way" }).click();
  await expect(ben.page.getByTestId("answers")).toContainText("Ana Meet’s on the way — there around");
  await expect(ben.page.getByTestId("live-toast").last()).toContainText("Surfing: Ana Meet’s on the way — there in about 30 min");

  // Ben answers "Maybe"; Ana sees it live.
  await ben.page.getByRole("button", { name: "Maybe" }).click();
  await expect(ana.page.getByTestId("answers")).toContainText("Ben Meet might come");

  // Ana suggests where to meet; Ben sees it live and answers with a quick reply.
  await ana.page.getByLabel("Suggest a spot").fill("Steamer Lane, north end");
  await ana.page.getByRole("button", { name: "Suggest", exact: true }).click();
  await expect(ana.page.getByLabel("Suggest a spot")).toHaveValue("");
  await expect(ben.page.getByTestId("spot")).toHaveText("Ana Meet suggests: Steamer Lane, north end");
  await ben.page.getByRole("button", { name: "See you there" }).click();
  await expect(ana.page.getByTestId("messages")).toContainText("See you there");
  // Markup is refused with a field error, what was typed is kept, and nothing is stored.
  await ben.page.getByLabel("Message", { exact: true }).fill("<b>bring wax</b>");
  await ben.page.getByRole("button", { name: "Send" }).click();
  await expect(ben.page.getByText("Plain text only: the message can’t contain < or >")).toBeVisible();
  await expect(ben.page.getByLabel("Message", { exact: true })).toHaveValue("<b>bring wax</b>");
  const matchId = matchUrl.split("/").pop()!;
  expect(Number((await sql<{ n: string }>("SELECT count(*) AS n FROM match_messages WHERE match_id = $1", [matchId]))[0]!.n)).toBe(2);
  await shoot(ana.page, "match-after-answers");

  // The plan card says it too.
  await ben.page.goto("/plans");
  await expect(ben.page.getByRole("link", { name: "Matched with Ana Meet · Ana Meet’s in" })).toBeVisible();
  await shoot(ben.page, "plan-card-with-match");

  // Ana cancels her plan: Ben's match page says she is out, live.
  await ben.page.goto(matchUrl);
  await ana.page.goto("/plans");
  await ana.page.getByRole("button", { name: "Cancel surfing" }).click();
  await ana.page.getByRole("button", { name: "Yes, Cancel surfing" }).click();
  await expect(ben.page.getByTestId("match-off")).toContainText("Ana Meet’s out");
  await expect(ben.page.getByRole("button", { name: "I’m in" })).toHaveCount(0); // nothing left to answer
  await shoot(ben.page, "match-drop-out");
  await ben.page.goto("/notifications");
  await expect(ben.page.getByText("Surfing: Ana Meet’s out")).toBeVisible();
  await expect(ben.page.getByText("Off now").first()).toBeVisible();

  // Anyone else gets the page a match that does not exist gets.
  const stranger = await newVisitor(browser);
  const carol = await personAt(browser, "Carol Meet", here);
  await closeFriends(ana, carol);
  for (const page of [carol.page]) {
    const response = await page.goto(matchUrl);
    expect(response?.status()).toBe(404);
    const missing = await page.goto("/matches/00000000-0000-4000-8000-000000000000");
    expect(missing?.status()).toBe(404);
    expect(await page.goto("/matches/not-an-id").then((r) => r?.status())).toBe(404);
  }
  const signedOut = await stranger.page.goto(matchUrl);
  expect(new URL(signedOut!.url()).pathname).toBe("/sign-in");
  expect(Number((await sql<{ n: string }>("SELECT count(*) AS n FROM match_members WHERE match_id = $1 AND answer IS NOT NULL", [matchId]))[0]!.n)).toBe(2);
  for (const p of [ana, ben, carol, stranger]) await p.context.close();
});
