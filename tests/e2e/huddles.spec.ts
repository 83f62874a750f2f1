import { closeFriends, expect, expectNoAxeViolations, personAt, postSurfingNow, shoot, sql, test } from "./support";

// Huddles: friends up for the same thing are one meet-up. Ana, Ben and Cleo are close friends of each
// other; Dan is Cleo's close friend only. All four post surfing: each gets exactly one notification
// naming only their own friends, and an answer on the huddle page reaches everyone in it, live.

test.describe.configure({ timeout: 180_000 });

const here = { latitude: 38.6786, longitude: -9.3357 };

test("four people post surfing: one huddle notification each, naming only their own friends", async ({ browser }) => {
  const ana = await personAt(browser, "Ana Huddle", here);
  const ben = await personAt(browser, "Ben Huddle", here);
  const cleo = await personAt(browser, "Cleo Huddle", here);
  const dan = await personAt(browser, "Dan Huddle", here);
  await closeFriends(ana, ben);
  await closeFriends(ana, cleo);
  await closeFriends(ben, cleo);
  await closeFriends(cleo, dan);
  for (const who of [ana, ben, cleo, dan]) {
    await postSurfingNow(who.page);
    await expect(who.page.getByRole("status").filter({ hasText: "Posted" })).toBeVisible();
  }

  const told = {
    ana: /You, (Ben Huddle and Cleo Huddle|Cleo Huddle and Ben Huddle) are up for surfing — in your area/,
    ben: /You, (Ana Huddle and Cleo Huddle|Cleo Huddle and Ana Huddle) are up for surfing — in your area/,
    cleo: /You, (Ana|Ben|Dan) Huddle, (Ana|Ben|Dan) Huddle and (Ana|Ben|Dan) Huddle are up for surfing — in your area/,
    dan: /Cleo Huddle is up for surfing too — in your area/,
  };
  for (const [who, words] of [
    [ana, told.ana],
    [ben, told.ben],
    [cleo, told.cleo],
    [dan, told.dan],
  ] as const) {
    await who.page.goto("/notifications");
    const matches = who.page.getByRole("listitem").filter({ hasText: /up for surfing/ });
    await expect(matches).toHaveCount(1);
    await expect(matches).toContainText(words);
  }
  // Only their own friends: Dan is nowhere in Ana's or Ben's inbox, Ana and Ben nowhere in Dan's.
  await expect(ana.page.getByText("Dan Huddle")).toHaveCount(0);
  await expect(ben.page.getByText("Dan Huddle")).toHaveCount(0);
  await expect(dan.page.getByText(/Ana Huddle|Ben Huddle/)).toHaveCount(0);
  await shoot(cleo.page, "huddle-notification");

  // Cleo opens the huddle: everyone she matched, each with their answer.
  await cleo.page.getByRole("link", { name: /up for surfing/ }).click();
  await expect(cleo.page).toHaveURL(/\/matches\/[0-9a-f-]{36}$/);
  await expect(cleo.page.getByRole("heading", { level: 1 })).toHaveText(/^You, .+ Huddle, .+ Huddle and .+ Huddle are up for surfing$/);
  const answers = cleo.page.getByTestId("answers");
  for (const name of ["Ana Huddle", "Ben Huddle", "Dan Huddle"]) await expect(answers).toContainText(`${name} hasn’t answered yet`);
  await expectNoAxeViolations(cleo.page);

  // Ana's huddle has Ben and Cleo only; her "I'm in" reaches Cleo live.
  await ana.page.getByRole("link", { name: /up for surfing/ }).click();
  await expect(ana.page.getByRole("heading", { level: 1 })).toHaveText(/^You, (Ben Huddle and Cleo Huddle|Cleo Huddle and Ben Huddle) are up for surfing$/);
  await expect(ana.page.getByTestId("answers")).not.toContainText("Dan");
  await ana.page.getByRole("button", { name: "I’m in" }).click();
  await expect(ana.page.getByRole("button", { name: "I’m in" })).toHaveAttribute("aria-pressed", "true");
  await expect(answers).toContainText("Ana Huddle’s in");

  // Cleo suggests a spot: everyone in her huddle sees it, Dan included; Ana sees who suggested it.
  await cleo.page.getByLabel("Suggest a spot").fill("Lifeguard tower 3");
  await cleo.page.getByRole("button", { name: "Suggest", exact: true }).click();
  await expect(cleo.page.getByLabel("Suggest a spot")).toHaveValue("");
  await expect(ana.page.getByTestId("spot")).toHaveText("Cleo Huddle suggests: Lifeguard tower 3");
  await dan.page.goto("/notifications");
  await expect(dan.page.getByText("Surfing: Cleo Huddle suggests meeting at “Lifeguard tower 3”")).toBeVisible();
  await shoot(cleo.page, "huddle");
  for (const who of [ana, ben, cleo, dan]) await who.context.close();
});

test("a plan's group size: chosen in the composer, refused when it makes no sense, shown on the card", async ({ browser }) => {
  const ana = await personAt(browser, "Ana Size", here);
  const { page } = ana;
  await page.goto("/plans");
  await page.getByRole("group", { name: "I’m up for…" }).getByText("tennis", { exact: true }).click();
  await page.getByRole("button", { name: "Share my area" }).click();
  await expect(page.getByText(/We’ll share an area of about 5 km²/)).toBeVisible();
  const sizes = page.getByRole("group", { name: /How many people/ });
  await sizes.getByLabel("At least").selectOption("5");
  await sizes.getByLabel("At most").selectOption("4");
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(sizes.getByText("“At most” can’t be fewer than “at least”")).toBeVisible();
  await expect(sizes.getByLabel("At most")).toHaveAttribute("aria-invalid", "true");
  await expect(sizes.getByLabel("At least")).toHaveValue("5"); // what was chosen is kept
  expect(await sql("SELECT 1 FROM plans WHERE user_id = $1", [ana.id])).toHaveLength(0);
  await expectNoAxeViolations(page);
  await shoot(page, "composer-group-size", { around: sizes });

  await sizes.getByLabel("At least").selectOption("3");
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Posted" })).toBeVisible();
  await expect(page.getByText(/close friends · 3–4 people/)).toBeVisible();
  expect(await sql("SELECT group_min, group_max FROM plans WHERE user_id = $1", [ana.id])).toEqual([{ group_min: 3, group_max: 4 }]);
  await ana.context.close();
});
