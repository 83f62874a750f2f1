import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { cellToLatLng, gridDisk, latLngToCell } from "h3-js";
import { captureAction, replayAction } from "./action-replay";
import { closeFriends, expect, formAlert, personAt, postSurfingNow, sql, test } from "./support";

// The attacker is a friend the victim accepted, replaying the composer's own server action with
// made-up areas (docs/privacy-model.md). Each probe is a real request to the production server.
test.describe.configure({ timeout: 120_000 });

const carcavelos = { latitude: 38.6786, longitude: -9.3357 };
const victimCell = latLngToCell(carcavelos.latitude, carcavelos.longitude, 7);
const BUDGET_REFUSAL = "already used 3 different areas or distances in the last day";

const sizes = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 800 },
];

async function screenshots(page: Page, name: string) {
  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `screenshots/${name}-${size.name}.png`, fullPage: true });
  }
}

test("a friend probing from a raster of made-up areas gets 3 answers, then refusals; the victim's ledger says so", async ({ browser }) => {
  const victim = await personAt(browser, "Vera Victim", carcavelos);
  const attacker = await personAt(browser, "Pat Prober", carcavelos);
  await closeFriends(victim, attacker);
  await postSurfingNow(victim.page);
  await expect(victim.page.getByRole("status").filter({ hasText: "Posted." })).toBeVisible();

  const post = await captureAction(attacker.page, () => postSurfingNow(attacker.page));
  // Twelve cells three rings out, north-west first, as the raster attack scanned them.
  const raster = gridDisk(victimCell, 3)
    .filter((cell) => cell !== victimCell)
    .sort((a, b) => cellToLatLng(b)[0] - cellToLatLng(a)[0] || cellToLatLng(a)[1] - cellToLatLng(b)[1])
    .slice(0, 12);
  // Each probe is a new post, with a key of its own (the same key would only get the first plan back).
  const postKey = /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/.exec(post.body)![0];
  const outcomes: string[] = [];
  for (const cell of raster) {
    const { status, text } = await replayAction(attacker.context.request, post, { [victimCell]: cell, [postKey]: randomUUID() });
    expect(status).toBe(200);
    outcomes.push(text.includes(BUDGET_REFUSAL) ? "refused" : text.includes('"ok":true') ? "answered" : `unexpected: ${text.slice(0, 200)}`);
  }
  expect(outcomes).toEqual([...Array(3).fill("answered"), ...Array(9).fill("refused")]);
  expect(await sql("SELECT 1 FROM plans WHERE user_id = $1", [attacker.id])).toHaveLength(3);

  // The attacker's own composer says why, and keeps nothing.
  await postSurfingNow(attacker.page);
  await expect(formAlert(attacker.page)).toContainText(BUDGET_REFUSAL);
  expect(await sql("SELECT 1 FROM plans WHERE user_id = $1", [attacker.id])).toHaveLength(3);
  await screenshots(attacker.page, "now-area-budget-refused");

  // What the attacker's data page says is kept for the budget: three keyed hashes, no area.
  await attacker.page.goto("/settings/data#areas-used");
  const areas = attacker.page.locator("#areas-used");
  await expect(areas).toContainText("Areas your plans used");
  await expect(areas.getByRole("listitem")).toHaveCount(3);
  expect(await attacker.page.content()).not.toContain(raster[0]);
  await areas.scrollIntoViewIfNeeded();
  await screenshots(attacker.page, "data-areas-used");

  // The victim is told, without a name, in the ledger.
  await victim.page.goto("/settings/ledger");
  const notices = victim.page.locator("#notices");
  await expect(notices).toContainText("A friend’s plans were checked against your surfing plan from 3 different areas in one day");
  await expect(notices).not.toContainText("Pat Prober");
  await screenshots(victim.page, "ledger-probe-notice");

  for (const person of [victim, attacker]) await person.context.close();
});
