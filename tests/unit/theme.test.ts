import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { themeAttribute, themeColours, themeCookie, themeOf } from "@/lib/theme";

describe("this device's theme", () => {
  it("takes only the three known values from the cookie, anything else is the system's", () => {
    expect(themeOf("light")).toBe("light");
    expect(themeOf("dark")).toBe("dark");
    expect(themeOf("system")).toBe("system");
    for (const value of [undefined, "", "Dark", "sepia", '"><script>', "dark; x"]) expect(themeOf(value)).toBe("system");
  });

  it("sets <html data-theme> only for a chosen scheme", () => {
    expect(themeAttribute("system")).toBeUndefined();
    expect(themeAttribute("light")).toBe("light");
    expect(themeAttribute("dark")).toBe("dark");
  });

  it("gives the browser's bar one colour per system scheme, the same for both once a scheme is chosen", () => {
    expect(themeColours("system")).toEqual([
      { media: "(prefers-color-scheme: light)", color: "#0f766e" },
      { media: "(prefers-color-scheme: dark)", color: "#1c1917" },
    ]);
    expect(new Set(themeColours("dark").map((entry) => entry.color))).toEqual(new Set(["#1c1917"]));
    expect(new Set(themeColours("light").map((entry) => entry.color))).toEqual(new Set(["#0f766e"]));
  });

  it("is remembered for a year, on every path, sent on top-level navigations (SameSite=Lax), Secure over https", () => {
    expect(themeCookie("dark", false)).toBe("theme=dark; Path=/; Max-Age=31536000; SameSite=Lax");
    expect(themeCookie("light", true)).toBe("theme=light; Path=/; Max-Age=31536000; SameSite=Lax; Secure");
  });
});

// Dark mode works by redefining the colour tokens the utilities read (app/globals.css). A colour
// class whose token has no dark value would stay light in dark mode: dark text on a dark card.
describe("dark palette", () => {
  const root = join(__dirname, "..", "..");
  const css = readFileSync(join(root, "app", "globals.css"), "utf8");
  const dark = css.slice(css.indexOf("@variant dark {"));
  const redefined = new Set([...dark.matchAll(/--color-([a-z]+-\d+|white)\s*:/g)].map((match) => match[1]));

  function sources(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
    });
  }
  const used = new Set(
    ["app", "components"]
      .flatMap((dir) => sources(join(root, dir)))
      .flatMap((file) => [
        ...readFileSync(file, "utf8").matchAll(
          /\b(?:bg|text|border|divide|ring|outline|accent|fill|stroke|decoration|placeholder|from|to|via|shadow)-((?:[a-z]+-\d{2,3})|white)\b/g,
        ),
      ])
      .map((match) => match[1]!),
  );

  it("finds the colour classes the pages use", () => {
    expect(used.has("stone-600")).toBe(true);
    expect(used.has("white")).toBe(true);
  });

  it("has a dark value for every colour token a page uses", () => {
    expect([...used].filter((token) => !redefined.has(token)).sort()).toEqual([]);
  });
});
