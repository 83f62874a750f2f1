import type { Page } from "@playwright/test";
import { newAccount, signUp, expect, test } from "./support";

// The colour scheme: the system's, unless this device chose one on /settings/appearance. The choice
// applies at once, is a cookie the server draws the page from (no flash of the other scheme), and
// wins over the system's setting.

/** The page's background as the browser paints it, dark or light (whatever colour syntax the CSS uses). */
async function background(page: Page): Promise<"dark" | "light"> {
  const luminance = await page.evaluate(() => {
    const context = document.createElement("canvas").getContext("2d")!;
    context.fillStyle = getComputedStyle(document.body).backgroundColor;
    context.fillRect(0, 0, 1, 1);
    const [r = 0, g = 0, b = 0] = context.getImageData(0, 0, 1, 1).data;
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  });
  return luminance < 0.5 ? "dark" : "light";
}

/** The page is in `scheme` now, and still after a reload with `choice` checked: the choice was kept. */
async function expectKept(page: Page, scheme: "light" | "dark", choice: RegExp) {
  expect(await background(page)).toBe(scheme);
  await page.reload();
  expect(await background(page)).toBe(scheme);
  await expect(page.getByRole("radio", { name: choice })).toBeChecked();
}

const themeColour = (page: Page, scheme: "light" | "dark") =>
  page.locator(`meta[name="theme-color"][media="(prefers-color-scheme: ${scheme})"]`).getAttribute("content");

test.describe("with the system set to dark", () => {
  test.use({ colorScheme: "dark" });

  test("follows the system until Light is chosen, which applies at once and survives a reload", async ({ page }) => {
    await signUp(page, newAccount());
    const served = await page.goto("/settings/appearance");
    expect(await served!.text()).not.toContain("data-theme=");
    await expect(page.getByRole("heading", { name: "Appearance", level: 1 })).toBeVisible();
    await expect(page.getByRole("radio", { name: /^System/ })).toBeChecked();
    expect(await background(page)).toBe("dark");
    expect(await themeColour(page, "dark")).toBe("#1c1917");

    await page.getByRole("radio", { name: /^Light/ }).check();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    expect(await background(page)).toBe("light");
    expect(await themeColour(page, "dark")).toBe("#0f766e");

    const cookie = (await page.context().cookies()).find((c) => c.name === "theme");
    expect(cookie).toMatchObject({ value: "light", sameSite: "Lax", path: "/" });
    // About a year, so the choice outlives the session.
    expect(cookie!.expires * 1000 - Date.now()).toBeGreaterThan(364 * 24 * 3_600_000);

    // The server draws the chosen scheme itself, on every page: nothing waits for a script.
    for (const path of ["/settings/appearance", "/plans"]) {
      const response = await page.goto(path);
      expect(await response!.text()).toContain('data-theme="light"');
      expect(await background(page)).toBe("light");
    }
    await page.goto("/settings/appearance");
    await expect(page.getByRole("radio", { name: /^Light/ })).toBeChecked();

    // Back to the system's setting: dark again, and the cookie says so.
    await page.getByRole("radio", { name: /^System/ }).check();
    await expect(page.locator("html")).not.toHaveAttribute("data-theme");
    await expectKept(page, "dark", /^System/);
  });

  test("signed-out pages follow the system, and this device's choice", async ({ page }) => {
    await page.goto("/sign-in");
    expect(await background(page)).toBe("dark");
    await page.context().addCookies([{ name: "theme", value: "light", url: page.url() }]);
    await page.reload();
    expect(await background(page)).toBe("light");
  });
});

test("Dark chosen on a device set to light, with the keyboard", async ({ page }) => {
  await signUp(page, newAccount());
  await page.goto("/settings/appearance");
  expect(await background(page)).toBe("light");
  await page.getByRole("radio", { name: /^System/ }).focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("radio", { name: /^Dark/ })).toBeChecked();
  await expectKept(page, "dark", /^Dark/);
});

test("a cookie that is not a scheme is ignored", async ({ page }) => {
  await page.goto("/sign-in");
  await page.context().addCookies([{ name: "theme", value: "sepia", url: page.url() }]);
  const response = await page.reload();
  expect(await response!.text()).not.toContain("data-theme=");
  expect(await background(page)).toBe("light");
});
