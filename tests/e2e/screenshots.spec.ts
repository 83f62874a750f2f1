import type { Page } from "@playwright/test";
import { newAccount, signUp, expect, test } from "./support";

// Screenshots of the main pages at phone and desktop sizes, saved to screenshots/ (git-ignored) for
// people to look at. Each also checks that the page shows what it should and does not scroll sideways.
const sizes = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 800 },
];

async function capture(page: Page, name: string, size: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "page scrolls sideways").toBeLessThanOrEqual(0);
  await page.screenshot({ path: `screenshots/${name}-${size}.png`, fullPage: true });
}

for (const size of sizes) {
  test.describe(`${size.name} ${size.width}x${size.height}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test("landing", async ({ page }) => {
      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1 })).toContainText("surf now");
      await capture(page, "landing", size.name);
    });

    test("sign-up with a field error", async ({ page }) => {
      await page.goto("/sign-up");
      await page.getByLabel("Your name").fill("Sam Surfer");
      await page.getByLabel("Handle").fill("sam surfer");
      await page.getByRole("button", { name: "Create account" }).click();
      await expect(page.getByText("Use only letters, numbers and underscores")).toBeVisible();
      await capture(page, "sign-up-error", size.name);
    });

    test("sign-in", async ({ page }) => {
      await page.goto("/sign-in");
      await expect(page.getByRole("heading", { name: "Welcome back" })).toBeVisible();
      await capture(page, "sign-in", size.name);
    });

    test("signed-in shell", async ({ page }) => {
      await signUp(page, newAccount("Sam Surfer"));
      await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
      await capture(page, "now", size.name);
    });
  });
}
