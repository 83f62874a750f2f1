import { captureAction, replayAction } from "./action-replay";
import { expect, newAccount, newVisitor, signUp, sql, test, userId, type Account } from "./support";
import type { Browser, Page } from "@playwright/test";

// Attacker specs: a stranger, a removed friend and a blocked user each try to reach Alice's side of
// the friend graph by replaying real server actions with other ids. Each gets "not found" and
// nothing changes.

const NOT_FOUND = "find that";

// Several people sign up and act in each of these: give them room on a busy two-core machine.
test.describe.configure({ timeout: 90_000 });

async function person(browser: Browser, name: string) {
  const account = newAccount(name);
  const visitor = await newVisitor(browser);
  await signUp(visitor.page, account);
  return { ...visitor, account, id: await userId(account.email) };
}

async function requestBetween(from: Account, to: Account) {
  const [row] = await sql<{ id: string }>(
    "SELECT r.id FROM friend_requests r JOIN users s ON s.id = r.sender_id JOIN users t ON t.id = r.recipient_id WHERE s.email = $1 AND t.email = $2",
    [from.email, to.email],
  );
  return row!.id;
}

async function sendRequest(page: Page, handle: string) {
  await page.goto("/friends");
  await page.getByLabel("Friend’s handle").fill(handle);
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Request sent" })).toBeVisible();
}

async function befriend(a: Awaited<ReturnType<typeof person>>, b: Awaited<ReturnType<typeof person>>) {
  await sendRequest(a.page, b.account.handle);
  await b.page.goto("/friends");
  await b.page.getByRole("button", { name: `Accept ${a.account.displayName}` }).click();
  await expect(b.page.getByRole("button", { name: `Close friend: ${a.account.displayName}` })).toBeVisible();
}

test("a stranger cannot accept, decline or cancel someone else's request", async ({ browser }) => {
  const [alice, bob, mallory, carol] = [
    await person(browser, "Alice A"),
    await person(browser, "Bob A"),
    await person(browser, "Mallory A"),
    await person(browser, "Carol A"),
  ];
  await sendRequest(alice.page, bob.account.handle);
  const victimRequest = await requestBetween(alice.account, bob.account);

  // Mallory learns the shape of the actions from requests of her own.
  await sendRequest(carol.page, mallory.account.handle);
  await sendRequest(mallory.page, alice.account.handle); // Mallory → Alice, to learn "cancel"
  const ownIncoming = await requestBetween(carol.account, mallory.account);
  const ownOutgoing = await requestBetween(mallory.account, alice.account);
  await mallory.page.goto("/friends");
  const accept = await captureAction(mallory.page, () => mallory.page.getByRole("button", { name: "Accept Carol A" }).click());
  const decline = await captureAction(mallory.page, () => mallory.page.getByRole("button", { name: "Decline Carol A" }).click());
  const cancel = await captureAction(mallory.page, () => mallory.page.getByRole("button", { name: "Cancel your request to Alice A" }).click());

  for (const [action, own] of [
    [accept, ownIncoming],
    [decline, ownIncoming],
    [cancel, ownOutgoing],
  ] as const) {
    const result = await replayAction(mallory.context.request, action, { [own]: victimRequest });
    expect(result.text).toContain(NOT_FOUND);
  }
  expect(await sql("SELECT 1 FROM friend_requests WHERE id = $1", [victimRequest])).toHaveLength(1);
  expect(await sql("SELECT 1 FROM friendships WHERE owner_id = $1 OR friend_id = $1", [alice.id])).toHaveLength(0);

  // The same replay without any session is refused before anything is parsed.
  const anonymous = await browser.newContext();
  expect((await replayAction(anonymous.request, accept, { [ownIncoming]: victimRequest })).text).toContain("signed out");
  await anonymous.close();
  for (const p of [alice, bob, mallory, carol]) await p.context.close();
});

test("a removed friend cannot mark, remove or block through old buttons, and sees nothing of Alice's list", async ({ browser }) => {
  const [alice, bob, carol] = [await person(browser, "Alice R"), await person(browser, "Bob R"), await person(browser, "Carol R")];
  await befriend(alice, bob);
  await befriend(alice, carol);

  await bob.page.goto("/friends");
  const close = await captureAction(bob.page, () => bob.page.getByRole("button", { name: "Close friend: Alice R" }).click());
  const remove = await captureAction(bob.page, async () => {
    await bob.page.getByRole("button", { name: "More actions for Alice R" }).click();
    await bob.page.getByRole("menuitem", { name: "Remove" }).click();
    await bob.page.getByRole("button", { name: "Yes" }).click();
  });

  // Alice removes Bob; his captured actions now point at a friendship that does not exist.
  await alice.page.goto("/friends");
  await alice.page.getByRole("button", { name: "More actions for Bob R" }).click();
  await alice.page.getByRole("menuitem", { name: "Remove" }).click();
  await alice.page.getByRole("button", { name: "Yes" }).click();
  await expect(alice.page.getByRole("button", { name: "More actions for Bob R" })).toHaveCount(0);

  expect((await replayAction(bob.context.request, close, {})).text).toContain(NOT_FOUND);
  expect((await replayAction(bob.context.request, remove, {})).text).toContain(NOT_FOUND);
  // Naming whose side to change is not something the action takes: an extra field is refused outright.
  expect((await replayAction(carol.context.request, close, { [alice.id]: alice.id }, { ownerId: alice.id })).text).toContain(NOT_FOUND);
  // Aiming Bob's "close" at Alice's friend Carol cannot touch Alice's marks either: it only ever names Bob's own row.
  expect((await replayAction(bob.context.request, close, { [alice.id]: carol.id })).text).toContain(NOT_FOUND);
  expect(await sql("SELECT 1 FROM friendships WHERE close AND owner_id = ANY($1::uuid[])", [[alice.id, bob.id, carol.id]])).toHaveLength(0);

  await bob.page.goto("/friends");
  await expect(bob.page.getByText("Carol R")).toHaveCount(0);
  await expect(bob.page.getByText("Alice R")).toHaveCount(0);
  for (const p of [alice, bob, carol]) await p.context.close();
});

test("a blocked user is a stranger: same answer as an unknown handle, old invite dead, no trace of the blocker", async ({ browser }) => {
  const [alice, bob] = [await person(browser, "Alice B"), await person(browser, "Bob B")];
  await befriend(alice, bob);
  // Bob keeps copies of what his buttons send while they are still friends.
  await bob.page.goto("/friends");
  const close = await captureAction(bob.page, () => bob.page.getByRole("button", { name: "Close friend: Alice B" }).click());
  const remove = await captureAction(bob.page, async () => {
    await bob.page.getByRole("button", { name: "More actions for Alice B" }).click();
    await bob.page.getByRole("menuitem", { name: "Remove" }).click();
    await bob.page.getByRole("button", { name: "Yes" }).click();
  });

  await alice.page.goto("/friends");
  await alice.page.getByRole("button", { name: "Make an invite link" }).click();
  const invite = await alice.page.getByLabel(/Your invite link/).inputValue();
  await alice.page.getByRole("button", { name: "More actions for Bob B" }).click();
  await alice.page.getByRole("menuitem", { name: "Block" }).click();
  await alice.page.getByRole("button", { name: "Yes" }).click();
  await expect(alice.page.getByRole("region", { name: "Blocked" })).toContainText("Bob B");
  // Blocking withdrew the link still on screen: it is no longer offered for copying.
  await expect(alice.page.getByLabel(/Your invite link/)).toHaveCount(0);
  await expect(alice.page.getByRole("button", { name: "Make an invite link" })).toBeVisible();

  await bob.page.goto("/friends");
  await expect(bob.page.getByText("Alice B")).toHaveCount(0);
  const answers: string[] = [];
  for (const handle of [alice.account.handle, "no_such_handle_x"]) {
    await bob.page.getByLabel("Friend’s handle").fill(handle);
    await bob.page.getByRole("button", { name: "Send request" }).click();
    const alert = bob.page.getByRole("main").getByRole("alert");
    await expect(alert).toContainText(`No one can be added as @${handle}.`);
    answers.push((await alert.innerText()).replace(handle, "HANDLE"));
  }
  expect(answers[0]).toBe(answers[1]);

  for (const action of [close, remove]) expect((await replayAction(bob.context.request, action, {})).text).toContain(NOT_FOUND);

  const dead = await bob.page.goto(invite);
  expect(dead?.status()).toBe(404);
  await expect(bob.page.getByRole("heading", { name: "This invite link can’t be used" })).toBeVisible();
  // …and signed out, the old link no longer shows Alice's name either (blocking withdrew it).
  const signedOut = await browser.newContext();
  const anonymous = await signedOut.newPage();
  await anonymous.goto(invite);
  await expect(anonymous.getByRole("heading", { name: "This invite link can’t be used" })).toBeVisible();
  await expect(anonymous.getByText("Alice B")).toHaveCount(0);
  await signedOut.close();
  await bob.page.goto("/notifications");
  await expect(bob.page.getByText("Alice B")).toHaveCount(0);
  expect(await sql("SELECT 1 FROM friendships WHERE owner_id = $1 OR friend_id = $1", [bob.id])).toHaveLength(0);
  for (const p of [alice, bob]) await p.context.close();
});

test("a hidden handle answers exactly like one nobody uses", async ({ page, browser }) => {
  const hidden = await person(browser, "Hidden H");
  await hidden.page.goto("/settings/discovery");
  const toggle = hidden.page.getByRole("switch", { name: "Let people add me by my handle" });
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await Promise.all([
    hidden.page.waitForResponse((response) => response.request().method() === "POST" && !!response.request().headers()["next-action"]),
    toggle.click(),
  ]);
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await hidden.page.reload();
  await expect(hidden.page.getByRole("switch", { name: "Let people add me by my handle" })).toHaveAttribute("aria-checked", "false");

  await signUp(page, newAccount("Prober"));
  await page.goto("/friends");
  const answers: string[] = [];
  for (const handle of [hidden.account.handle, "nobody_uses_this"]) {
    await page.getByLabel("Friend’s handle").fill(handle);
    await page.getByRole("button", { name: "Send request" }).click();
    const alert = page.getByRole("main").getByRole("alert");
    await expect(alert).toContainText(`No one can be added as @${handle}.`);
    answers.push((await alert.innerText()).replace(handle, "HANDLE"));
  }
  expect(answers[0]).toBe(answers[1]);
  expect(await sql("SELECT 1 FROM friend_requests WHERE recipient_id = $1", [hidden.id])).toHaveLength(0);
  await hidden.context.close();
});
