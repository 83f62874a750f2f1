import { expectNoAxeViolations, newAccount, signUp, expect, formAlert, test } from "./support";

// Every page in both colour schemes: dark mode redefines the colour tokens (app/globals.css), and a
// pair that reads well in light can fall under AA contrast in dark.
for (const scheme of ["light", "dark"] as const) {
  test.describe(scheme, () => {
    test.use({ colorScheme: scheme });

    // /offline.html is what the service worker shows in place of a page that cannot load offline.
    for (const path of ["/", "/sign-in", "/sign-up", "/goodbye", "/no-such-page", "/offline.html"]) {
      test(`${path} has no axe violations (${scheme})`, async ({ page }) => {
        await page.goto(path);
        await expect(page.locator("h1")).toBeVisible();
        await expectNoAxeViolations(page);
      });
    }

    test(`sign-up with field errors has no axe violations (${scheme})`, async ({ page }) => {
      await page.goto("/sign-up");
      await page.getByRole("button", { name: "Create account" }).click();
      await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
      await expectNoAxeViolations(page);
    });

    // One test per page: each axe run takes seconds on a busy two-core machine.
    for (const path of [
      "/plans",
      "/friends",
      "/notifications",
      "/settings",
      "/settings/precision",
      "/settings/pause",
      "/settings/delete-account",
      "/settings/appearance",
      "/settings/notifications",
      "/settings/data",
      "/settings/ledger",
    ]) {
      test(`signed in, ${path} has no axe violations (${scheme})`, async ({ page }) => {
        await signUp(page, newAccount());
        await page.goto(path);
        await expect(page.locator("h1")).toBeVisible();
        await expectNoAxeViolations(page);
      });
    }

    test(`an invite link, with the link shown and opened signed in, has no axe violations (${scheme})`, async ({ page }) => {
      await signUp(page, newAccount());
      await page.goto("/friends");
      await page.getByRole("button", { name: "Make an invite link" }).click();
      const link = await page.getByLabel(/Your invite link/).inputValue();
      await expectNoAxeViolations(page);
      await page.goto(link);
      await expectNoAxeViolations(page);
    });

    test(`an invite page for a signed-out visitor has no axe violations (${scheme})`, async ({ page }) => {
      await page.goto(`/invite/${"A".repeat(43)}`);
      await expect(page.locator("h1")).toBeVisible();
      await expectNoAxeViolations(page);
    });
  });
}

test("the sign-in form works with the keyboard alone", async ({ page }) => {
  await page.goto("/sign-in");
  await page.keyboard.press("Tab"); // skip link
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.getByLabel("Email").focus();
  await page.keyboard.type("someone@example.com");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type("wrong password");
  await page.keyboard.press("Enter");
  await expect(formAlert(page)).toContainText("don’t match");
});
