import type { Page } from "@playwright/test";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { expect, expectNoAxeViolations, newAccount, signUp, test } from "./support";

// Inviting a friend standing next to you: the invite panel shows the new link as a QR code (read
// back here from the pixels on screen: it must be the link, nothing else) and, where the browser has
// a share sheet, offers it.

async function makeLink(page: Page): Promise<string> {
  await page.goto("/friends");
  await page.getByRole("button", { name: "Make an invite link" }).click();
  const link = await page.getByLabel(/Your invite link/).inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  return link;
}

/** What the QR code on screen says, read from a screenshot of it. */
async function readQr(page: Page): Promise<string | null> {
  const code = page.getByRole("img", { name: "QR code of your invite link" });
  await expect(code).toBeVisible();
  const png = PNG.sync.read(await code.screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

test("the invite link as a QR code that reads back as the link, on phone and desktop", async ({ page }) => {
  await signUp(page, newAccount("Qr Inviter"));
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1280, height: 900 },
  ]) {
    await page.setViewportSize(viewport);
    const link = await makeLink(page);
    expect(await readQr(page)).toBe(link);
    await page.screenshot({ path: `screenshots/invite-in-person-${viewport.width < 500 ? "phone" : "desktop"}.png`, fullPage: true });
  }
  // A new link, a new code.
  const first = await page.getByLabel(/Your invite link/).inputValue();
  await page.getByRole("button", { name: "Make another link" }).click();
  await expect(page.getByLabel(/Your invite link/)).not.toHaveValue(first);
  const second = await page.getByLabel(/Your invite link/).inputValue();
  await expect.poll(() => readQr(page)).toBe(second);
  await expectNoAxeViolations(page);
});

test("the share sheet gets the link where the browser has one; without one there is no Share button", async ({ page }) => {
  await signUp(page, newAccount("Share Inviter"));
  await makeLink(page);
  await expect(page.getByRole("button", { name: "Share…" })).toHaveCount(0);

  // A browser with a share sheet (as phones have): record what it is handed; the second time, the
  // person closes it without sharing, which says nothing.
  await page.addInitScript(() => {
    const shared: unknown[] = [];
    Object.assign(window, { __shared: shared });
    let calls = 0;
    navigator.share = async (data?: ShareData) => {
      shared.push(data);
      if (++calls > 1) throw new DOMException("Share canceled", "AbortError");
    };
  });
  const link = await makeLink(page);
  await page.getByRole("button", { name: "Share…" }).click();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __shared: ShareData[] }).__shared))
    .toEqual([{ title: "Join me on Overlap", text: "Join me on Overlap — this link works once, for 7 days.", url: link }]);
  await page.getByRole("button", { name: "Share…" }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __shared: ShareData[] }).__shared.length)).toBe(2);
  await expect(page.getByRole("status").filter({ hasText: "Send it to one friend" })).toBeVisible();
  await expect(page.getByText("Couldn’t open sharing here")).toHaveCount(0);
});
