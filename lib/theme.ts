// This device's colour scheme: "system" follows the operating system's setting; "light" or "dark"
// is a choice remembered in a cookie (never in the database: it is about a device, not a person).
// The server reads the cookie to draw <html data-theme> on the first paint, so a chosen scheme never
// flashes the other one first; the appearance page writes it and applies it at once. Client-safe.

export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_COOKIE = "theme";
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** What the cookie says, or "system" for anything else (absent, tampered, from an older version). */
export function themeOf(value: string | undefined): Theme {
  return THEMES.find((theme) => theme === value) ?? "system";
}

/** The `data-theme` attribute for <html>: none when following the system (the CSS media query decides). */
export function themeAttribute(theme: Theme): "light" | "dark" | undefined {
  return theme === "system" ? undefined : theme;
}

// The browser's bar above the page: the brand's teal in light, the header's dark surface in dark.
const BAR_COLOURS = { light: "#0f766e", dark: "#1c1917" } as const;

/**
 * The `theme-color` entries: one per system scheme, so "system" follows the device; a chosen theme
 * gives both the same colour.
 */
export function themeColours(theme: Theme): { media: string; color: string }[] {
  return (["light", "dark"] as const).map((scheme) => ({
    media: `(prefers-color-scheme: ${scheme})`,
    color: BAR_COLOURS[theme === "system" ? scheme : theme],
  }));
}

/** The Set-Cookie text for a choice, as `document.cookie` takes it. */
export function themeCookie(theme: Theme, secure: boolean): string {
  return `${THEME_COOKIE}=${theme}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax${secure ? "; Secure" : ""}`;
}
