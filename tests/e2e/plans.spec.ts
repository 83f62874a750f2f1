import { latLngToCell } from "h3-js";
import { captureAction, replayAction } from "./action-replay";
import { closeFriends, expect, localDateTime, personAt, postSurfingNow, sql, test } from "./support";

// Several people sign up and act in each of these: give them room on a busy two-core machine.
test.describe.configure({ timeout: 90_000 });

const carcavelos = { latitude: 38.6786, longitude: -9.3357 };
const cascais = { latitude: 38.6979, longitude: -9.4215 };
const porto = { latitude: 41.1496, longitude: -8.611 };

test("two close friends nearby both want to surf now: both are told, a far-away friend is not", async ({ browser }) => {
  const alice = await personAt(browser, "Alice Surf", carcavelos);
  const bob = await personAt(browser, "Bob Surf", cascais);
  const carol = await personAt(browser, "Carol Far", porto);
  await closeFriends(alice, bob);
  await closeFriends(alice, carol);

  await postSurfingNow(alice.page);
  await expect(alice.page.getByRole("status").filter({ hasText: "Posted." })).toBeVisible();
  await expect(alice.page.getByRole("region", { name: "Your plans" })).toContainText("surfing");

  await postSurfingNow(bob.page);
  // The answer says only "Posted."; the match follows it, live.
  await expect(bob.page.getByRole("status").filter({ hasText: "Posted." })).toBeVisible();
  await expect(bob.page.getByTestId("live-toast")).toContainText("Alice Surf is up for surfing too — in your area");
  await bob.page.goto("/notifications");
  await expect(bob.page.getByText("Alice Surf is up for surfing too — in your area")).toBeVisible();

  await alice.page.goto("/notifications");
  await expect(alice.page.getByText("Bob Surf is up for surfing too — in your area")).toBeVisible();

  await postSurfingNow(carol.page);
  await expect(carol.page.getByRole("status").filter({ hasText: "Posted." })).toBeVisible();
  await carol.page.goto("/notifications");
  await expect(carol.page.getByText(/is up for/)).toHaveCount(0);

  // A stranger (and a friend Alice removed) at the very same spot, same activity, same time: nothing.
  const stranger = await personAt(browser, "Stranger Same Spot", carcavelos);
  await postSurfingNow(stranger.page);
  await stranger.page.goto("/notifications");
  await expect(stranger.page.getByText(/is up for/)).toHaveCount(0);
  await alice.page.goto("/notifications");
  await expect(alice.page.getByText("Stranger Same Spot")).toHaveCount(0);
  await stranger.context.close();

  // Nothing Bob's browser receives carries Alice's cell.
  const aliceCell = latLngToCell(carcavelos.latitude, carcavelos.longitude, 7);
  for (const path of ["/plans", "/notifications", "/friends"]) {
    const html = await (await bob.context.request.get(path)).text();
    expect(html).not.toContain(aliceCell);
  }
  for (const p of [alice, bob, carol]) await p.context.close();
});

test("with location access denied, the page says so and nothing is posted", async ({ browser }) => {
  const dana = await personAt(browser, "Dana NoLocation", null);
  await dana.page.goto("/plans");
  await dana.page.getByRole("button", { name: "Share my area" }).click();
  await expect(dana.page.getByRole("alert").filter({ hasText: "Location access is off" })).toBeVisible();
  const postButton = dana.page.getByRole("button", { name: "Post", exact: true });
  await expect(postButton).toBeDisabled();
  await expect(postButton).toHaveAccessibleDescription("Choose your area (under Where) to post.");
  expect(await sql("SELECT 1 FROM plans WHERE user_id = $1", [dana.id])).toHaveLength(0);
  await dana.context.close();
});

test("a post carrying coordinates, or a street-level cell, is refused and nothing is stored", async ({ browser }) => {
  const eve = await personAt(browser, "Eve Probe", carcavelos);
  await eve.page.goto("/plans");
  await eve.page.getByRole("button", { name: "Share my area" }).click();
  await expect(eve.page.getByText(/We’ll share an area/)).toBeVisible();
  const post = await captureAction(eve.page, () => eve.page.getByRole("button", { name: "Post", exact: true }).click());
  const cell = latLngToCell(carcavelos.latitude, carcavelos.longitude, 7);

  const withCoordinates = await replayAction(eve.context.request, post, {}, { lat: "38.6786", lng: "-9.3357" });
  expect(withCoordinates.text).toContain("fields it does not have");
  const streetLevel = await replayAction(eve.context.request, post, { [cell]: latLngToCell(carcavelos.latitude, carcavelos.longitude, 9) });
  expect(streetLevel.text).toContain("not one we accept");
  expect(await sql("SELECT 1 FROM plans WHERE user_id = $1", [eve.id])).toHaveLength(0);
  await eve.context.close();
});

test("a plan can be edited in place and cancelled", async ({ browser }) => {
  const fay = await personAt(browser, "Fay Edits", carcavelos);
  await postSurfingNow(fay.page);
  const plans = fay.page.getByRole("region", { name: "Your plans" });
  await expect(plans).toContainText("surfing");
  await plans.getByRole("button", { name: "Edit surfing" }).click();
  const form = fay.page.getByRole("form", { name: "Edit surfing" });
  // A plan posted for "now" opens with its own times, under the same name as in the composer, and
  // keyboard focus in the form; the plan's Cancel is not offered beside "Keep as it was".
  await expect(form.getByRole("radio", { name: "Pick times" })).toBeChecked();
  await expect(form.getByRole("radio", { name: "Pick times" })).toBeFocused();
  await expect(plans.getByRole("button", { name: "Cancel surfing" })).toHaveCount(0);
  await fay.page.keyboard.press("Escape");
  await expect(form).toHaveCount(0);
  await expect(plans.getByRole("button", { name: "Edit surfing" })).toBeFocused();
  await plans.getByRole("button", { name: "Edit surfing" }).click();
  await form.getByLabel("Note (optional)").fill("Meet at the north end");
  await form.getByLabel("I’d travel up to").selectOption("25");
  // A refused edit (the end before the start) keeps every change made in the form.
  const until = await form.getByLabel("Until").inputValue();
  await form.getByLabel("Until").fill(await form.getByLabel("From").inputValue());
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByText("The end must be after the start")).toBeVisible();
  await expect(form.getByLabel("Until")).toBeFocused(); // the field in error, not the top of the page
  await expect(form.getByLabel("Note (optional)")).toHaveValue("Meet at the north end");
  await expect(form.getByLabel("I’d travel up to")).toHaveValue("25");
  await form.getByLabel("Until").fill(until);
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(plans).toContainText("“Meet at the north end”");
  await expect(plans).toContainText("up to 25 km");
  await expect(plans.getByRole("status")).toHaveText("Saved your changes to surfing.");
  await expect(plans.getByRole("button", { name: "Edit surfing" })).toBeFocused();

  await plans.getByRole("button", { name: "Cancel surfing" }).click();
  await plans.getByRole("button", { name: "Yes" }).click();
  await expect(plans).toContainText("Nothing posted right now");
  // The row is gone: focus lands on what happened, not at the top of the page.
  await expect(plans.getByRole("status")).toHaveText("Cancelled your surfing plan.");
  await expect(plans.getByRole("status")).toBeFocused();
  expect(await sql("SELECT 1 FROM plans WHERE user_id = $1", [fay.id])).toHaveLength(0);
  await fay.context.close();
});

test("a plan under way can still be edited: its start stays as it was", async ({ browser }) => {
  const gil = await personAt(browser, "Gil Midway", carcavelos);
  const cell = latLngToCell(carcavelos.latitude, carcavelos.longitude, 7);
  await sql(
    `INSERT INTO plans (id, user_id, activity, starts_at, ends_at, cell, travel_km, audience, matched_at)
     VALUES (gen_random_uuid(), $1, 'surfing', now() - interval '40 minutes', now() + interval '80 minutes', $2, 10, 'close', now())`,
    [gil.id, cell],
  );
  const [before] = await sql<{ starts_at: Date }>("SELECT starts_at FROM plans WHERE user_id = $1", [gil.id]);
  await gil.page.goto("/plans");
  const plans = gil.page.getByRole("region", { name: "Your plans" });
  await plans.getByRole("button", { name: "Edit surfing" }).click();
  const form = gil.page.getByRole("form", { name: "Edit surfing" });
  await form.getByLabel("Note (optional)").fill("Paddling out now");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(plans).toContainText("“Paddling out now”");
  const [after] = await sql<{ starts_at: Date; note: string }>("SELECT starts_at, note FROM plans WHERE user_id = $1", [gil.id]);
  expect(after?.note).toBe("Paddling out now");
  // The form shows minutes: the start is the same minute as before.
  expect(Math.floor(after!.starts_at.getTime() / 60_000)).toBe(Math.floor(before!.starts_at.getTime() / 60_000));
  await gil.context.close();
});

test("plans posted one after another are listed at once; cancelling one leaves the other", async ({ browser }) => {
  const ines = await personAt(browser, "Ines Posts", carcavelos);
  await postSurfingNow(ines.page);
  const plans = ines.page.getByRole("region", { name: "Your plans" });
  await expect(plans.getByRole("listitem")).toHaveCount(1);
  // A second post from the same page, without reloading it.
  await ines.page.getByRole("button", { name: "Post another" }).click();
  await ines.page.getByRole("group", { name: "I’m up for…" }).getByText("coffee", { exact: true }).click();
  await expect(ines.page.getByRole("radio", { name: "coffee" })).toBeChecked();
  await ines.page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(plans.getByRole("listitem")).toHaveCount(2);
  await expect(plans).toContainText("coffee");
  // Away and Back: the page comes from the browser's history as it was before the posts.
  await ines.page.getByRole("link", { name: "Friends" }).first().click();
  await expect(ines.page).toHaveURL(/\/friends/);
  await ines.page.goBack();
  await expect(plans.getByRole("listitem")).toHaveCount(2);

  await plans.getByRole("button", { name: "Cancel coffee" }).click();
  await plans.getByRole("button", { name: "Yes" }).click();
  await expect(plans.getByRole("listitem")).toHaveCount(1);
  await expect(plans.getByRole("list")).not.toContainText("coffee");
  await expect(plans.getByRole("list")).toContainText("surfing");
  await expect(plans.getByRole("status")).toHaveText("Cancelled your coffee plan.");
  await ines.page.reload();
  await expect(plans.getByRole("listitem")).toHaveCount(1);
  await expect(plans).toContainText("surfing");
  expect(await sql("SELECT activity FROM plans WHERE user_id = $1", [ines.id])).toEqual([{ activity: "surfing" }]);
  await ines.context.close();
});

test("a plan cancelled in another tab is gone from this tab's list at its next visit to Plans", async ({ browser }) => {
  const kim = await personAt(browser, "Kim Two Tabs", carcavelos);
  await postSurfingNow(kim.page); // listed at once, from the post's answer
  const plans = kim.page.getByRole("region", { name: "Your plans" });
  await expect(plans.getByRole("listitem")).toHaveCount(1);

  const other = await kim.context.newPage();
  await other.goto("/plans");
  const otherPlans = other.getByRole("region", { name: "Your plans" });
  await otherPlans.getByRole("button", { name: "Cancel surfing" }).click();
  await otherPlans.getByRole("button", { name: "Yes" }).click();
  await expect(otherPlans).toContainText("Nothing posted right now");

  await kim.page.getByRole("link", { name: "Friends" }).first().click();
  await expect(kim.page).toHaveURL(/\/friends/);
  await kim.page.getByRole("link", { name: "Plans" }).first().click();
  await expect(kim.page).toHaveURL(/\/plans/);
  await expect(plans).toContainText("Nothing posted right now");
  await kim.context.close();
});

test("a refused post keeps everything typed, also right after a post that went through", async ({ browser }) => {
  const jo = await personAt(browser, "Jo Retries", carcavelos);
  await postSurfingNow(jo.page);
  const plans = jo.page.getByRole("region", { name: "Your plans" });
  await expect(plans.getByRole("listitem")).toHaveCount(1);

  const page = jo.page;
  const at = (hour: number) => localDateTime(2, hour);
  // The form folded away after the post; it opens again, with focus in it.
  await page.getByRole("button", { name: "Post another" }).click();
  await expect(page.getByRole("radio", { name: "surfing" })).toBeFocused();
  await page.getByRole("group", { name: "I’m up for…" }).getByText("coffee", { exact: true }).click();
  await page.getByRole("group", { name: "When" }).getByText("Pick times", { exact: true }).click();
  await page.getByLabel("From").fill(at(10));
  await page.getByLabel("Until").fill(at(9)); // before the start: refused
  await page.getByLabel("I’d travel up to").selectOption("25");
  await page.getByRole("group", { name: "Who can match" }).getByText("All friends", { exact: true }).click();
  await page.getByLabel("Note (optional)").fill("flat whites on me");
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(page.getByText("The end must be after the start")).toBeVisible();

  await expect(page.getByRole("radio", { name: "coffee" })).toBeChecked();
  await expect(page.getByRole("radio", { name: "Pick times" })).toBeChecked();
  await expect(page.getByLabel("From")).toHaveValue(at(10));
  await expect(page.getByLabel("Until")).toHaveValue(at(9));
  await expect(page.getByLabel("I’d travel up to")).toHaveValue("25");
  await expect(page.getByRole("radio", { name: "All friends" })).toBeChecked();
  await expect(page.getByLabel("Note (optional)")).toHaveValue("flat whites on me");
  await expect(plans.getByRole("listitem")).toHaveCount(1);

  await page.getByLabel("Until").fill(at(12));
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(plans.getByRole("listitem")).toHaveCount(2);
  await expect(plans).toContainText("“flat whites on me”");
  // A post that went through folds the form away, and it opens again empty.
  await page.getByRole("button", { name: "Post another" }).click();
  await expect(page.getByLabel("Note (optional)")).toHaveValue("");
  expect(await sql("SELECT activity, travel_km, audience::text, note FROM plans WHERE user_id = $1 AND activity = 'coffee'", [jo.id])).toEqual([
    { activity: "coffee", travel_km: 25, audience: "friends", note: "flat whites on me" },
  ]);
  await jo.context.close();
});

test("a post whose answer is lost on the way back is stored once when posted again", async ({ browser }) => {
  const kim = await personAt(browser, "Kim Flaky", carcavelos);
  const page = kim.page;
  // The server gets the post and stores it; the connection drops before the browser hears back.
  let lost = 0;
  await page.route("**/plans", async (route) => {
    if (route.request().method() !== "POST" || lost > 0) return route.fallback();
    lost++;
    await route.fetch();
    await route.abort("connectionreset");
  });
  await postSurfingNow(page);
  await expect(page.getByRole("alert").filter({ hasText: "couldn’t reach Overlap" })).toContainText("it will be posted only once");
  expect(await sql("SELECT count(*)::int AS n FROM plans WHERE user_id = $1", [kim.id])).toEqual([{ n: 1 }]);
  await expect(page.getByRole("radio", { name: "surfing" })).toBeChecked();
  for (const size of [
    { name: "phone", width: 390, height: 844 },
    { name: "desktop", width: 1280, height: 800 },
  ]) {
    await page.setViewportSize(size);
    await page.getByRole("alert").filter({ hasText: "couldn’t reach Overlap" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `screenshots/composer-answer-lost-${size.name}.png` });
  }

  await page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Posted." })).toBeVisible();
  const plans = page.getByRole("region", { name: "Your plans" });
  await expect(plans.getByRole("listitem")).toHaveCount(1);
  expect(lost).toBe(1);
  expect(await sql("SELECT count(*)::int AS n FROM plans WHERE user_id = $1", [kim.id])).toEqual([{ n: 1 }]);

  // The next plan is a new one: a new key.
  await page.getByRole("button", { name: "Post another" }).click();
  await page.getByRole("group", { name: "I’m up for…" }).getByText("tennis", { exact: true }).click();
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(plans.getByRole("listitem")).toHaveCount(2);
  expect(await sql("SELECT count(DISTINCT post_key)::int AS n FROM plans WHERE user_id = $1", [kim.id])).toEqual([{ n: 2 }]);
  await kim.context.close();
});

test("while sharing is paused, a friend's matching plan tells neither of them anything", async ({ browser }) => {
  const gil = await personAt(browser, "Gil Paused", carcavelos);
  const hana = await personAt(browser, "Hana Friend", cascais);
  await closeFriends(gil, hana);
  await gil.page.goto("/settings/pause");
  await gil.page.getByRole("button", { name: "Pause for 1 hour" }).click();
  await expect(gil.page.getByText("Sharing is paused: your plans are not matched.")).toBeVisible();
  await expect(gil.page.getByRole("main")).toContainText("Sharing is paused until");

  await postSurfingNow(gil.page);
  await postSurfingNow(hana.page);
  await expect(hana.page.getByRole("status").filter({ hasText: "Posted." })).toBeVisible();
  for (const p of [gil, hana]) {
    await p.page.goto("/notifications");
    await expect(p.page.getByText(/is up for/)).toHaveCount(0);
  }

  // The banner on every page says when the pause ends, and resumes sharing in one click.
  await gil.page.goto("/plans");
  await expect(gil.page.getByText(/Sharing is paused: your plans are not matched\. Ends (today|tomorrow)/)).toBeVisible();
  await gil.page.getByRole("button", { name: "Resume sharing now" }).click();
  await expect(gil.page.getByText("Sharing is paused: your plans are not matched.")).toHaveCount(0);
  await expect(gil.page).toHaveURL(/\/plans$/);
  expect(await sql("SELECT paused_until FROM users WHERE id = $1", [gil.id])).toEqual([{ paused_until: null }]);
  for (const p of [gil, hana]) await p.context.close();
});

test("the old address /now leads to /plans for good, query included", async ({ request }) => {
  for (const [from, to] of [
    ["/now", "/plans"],
    ["/now?from=push", "/plans?from=push"],
  ] as const) {
    const response = await request.get(from, { maxRedirects: 0 });
    expect(response.status(), from).toBe(308);
    const location = new URL(response.headers()["location"]!, "http://localhost");
    expect(location.pathname + location.search, from).toBe(to);
  }
});
