import { captureAction, replayAction } from "./action-replay";
import { closeFriends, expect, personAt, postSurfingNow, sql, test } from "./support";

// Attacker spec: every server action of a match page, captured from a real click and replayed with
// the real match id by a stranger, a friend of only one side, a signed-out client and a removed
// friend. Each gets "not found" (or "signed out"), and nothing about the match changes.

const NOT_FOUND = "find that";

test.describe.configure({ timeout: 120_000 });

const here = { latitude: 38.6786, longitude: -9.3357 };

/** What the match holds: answers and arrivals, messages, and notifications about it. */
async function matchState(matchId: string) {
  const [state] = await sql<{ answers: string; messages: string; notices: string }>(
    `SELECT (SELECT count(*) FROM match_members WHERE match_id = $1 AND (answer IS NOT NULL OR arriving_at IS NOT NULL)) AS answers,
            (SELECT count(*) FROM match_messages WHERE match_id = $1) AS messages,
            (SELECT count(*) FROM notifications WHERE match_id = $1 AND type <> 'match') AS notices`,
    [matchId],
  );
  return state!;
}

test("nobody but the two people in a match can answer it or write on it, by replaying its actions", async ({ browser }) => {
  const ana = await personAt(browser, "Ana Guard", here);
  const ben = await personAt(browser, "Ben Guard", here);
  const mallory = await personAt(browser, "Mallory Guard", here);
  const carol = await personAt(browser, "Carol Guard", here);
  await closeFriends(ana, ben);
  await closeFriends(ana, carol);
  await postSurfingNow(ana.page);
  await expect(ana.page.getByRole("status").filter({ hasText: "Posted" })).toBeVisible();
  await postSurfingNow(ben.page);
  await expect(ana.page.getByTestId("live-toast")).toContainText("Ben Guard is up for surfing too");
  const [{ id: matchId }] = (await sql<{ id: string }>("SELECT id FROM matches WHERE $1 IN (user_low_id, user_high_id)", [ana.id])) as [{ id: string }];

  // Ana's own clicks, captured (and aborted: they change nothing).
  await ana.page.goto(`/matches/${matchId}`);
  const page = ana.page;
  const answer = await captureAction(page, () => page.getByRole("button", { name: "I’m in" }).click());
  const onMyWay = await captureAction(page, () => page.getByRole("button", { name: "On my way" }).click());
  const spot = await captureAction(page, async () => {
    await page.getByLabel("Suggest a spot").fill("Steamer Lane");
    await page.getByRole("button", { name: "Suggest", exact: true }).click();
  });
  const message = await captureAction(page, async () => {
    await page.getByLabel("Message", { exact: true }).fill("See you there");
    await page.getByRole("button", { name: "Send", exact: true }).click();
  });
  const actions = { answer, onMyWay, spot, message };
  for (const action of Object.values(actions)) expect(action.body).toContain(matchId);
  const before = await matchState(matchId);

  // A stranger, and Ana's friend Carol (not in the match), with the real id: "not found".
  for (const outsider of [mallory, carol]) {
    for (const [name, action] of Object.entries(actions)) {
      expect((await replayAction(outsider.context.request, action, {})).text, `${name} by ${outsider.account.displayName}`).toContain(NOT_FOUND);
    }
  }
  // Signed out: refused before anything is read.
  const anonymous = await browser.newContext();
  for (const action of Object.values(actions)) expect((await replayAction(anonymous.request, action, {})).text).toContain("signed out");
  expect(await matchState(matchId)).toEqual(before);

  // Ben may (he is in the match)…
  expect((await replayAction(ben.context.request, answer, {})).text).not.toContain(NOT_FOUND);
  expect((await matchState(matchId)).answers).toBe("1");
  // …until Ana removes him: then the same requests find nothing, and the page is the 404 of a match that does not exist.
  await sql("DELETE FROM friendships WHERE (owner_id = $1 AND friend_id = $2) OR (owner_id = $2 AND friend_id = $1)", [ana.id, ben.id]);
  const afterRemoval = await matchState(matchId);
  for (const action of Object.values(actions)) expect((await replayAction(ben.context.request, action, {})).text).toContain(NOT_FOUND);
  expect(await matchState(matchId)).toEqual(afterRemoval);
  expect((await ben.page.goto(`/matches/${matchId}`))?.status()).toBe(404);

  for (const p of [ana, ben, mallory, carol]) await p.context.close();
  await anonymous.close();
});
