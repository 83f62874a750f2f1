"use client";

import { ChoiceGroup } from "@/components/settings/choice-group";
import { THEME_COOKIE, themeAttribute, themeColours, themeCookie, themeOf, type Theme } from "@/lib/theme";

const choices = [
  { value: "system", label: "System", description: "Light or dark, as this device is set" },
  { value: "light", label: "Light", description: "Always light" },
  { value: "dark", label: "Dark", description: "Always dark" },
] satisfies { value: Theme; label: string; description: string }[];

/** Applies a scheme to the open page at once, and remembers it on this device for the server's next render. */
function applyTheme(theme: Theme) {
  document.cookie = themeCookie(theme, location.protocol === "https:");
  const attribute = themeAttribute(theme);
  if (attribute) document.documentElement.dataset.theme = attribute;
  else delete document.documentElement.dataset.theme;
  // The browser's bar follows too: the server drew one theme-color per system scheme.
  for (const { media, color } of themeColours(theme)) {
    document.querySelector(`meta[name="theme-color"][media="${media}"]`)?.setAttribute("content", color);
  }
}

/** System / Light / Dark for this device: applied as soon as it is picked; there is nothing to save. */
export function AppearanceChoice({ current }: { current: Theme }) {
  return (
    <form
      onSubmit={(event) => event.preventDefault()}
      onChange={(event) => {
        const input = event.target;
        if (input instanceof HTMLInputElement && input.name === THEME_COOKIE) applyTheme(themeOf(input.value));
      }}
    >
      <ChoiceGroup
        name={THEME_COOKIE}
        legend="Theme"
        help="Kept in this browser only, not in your account: each of your devices can look different."
        choices={choices}
        current={current}
      />
    </form>
  );
}
