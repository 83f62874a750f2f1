import "server-only";
import { cookies } from "next/headers";
import { THEME_COOKIE, themeOf, type Theme } from "@/lib/theme";

/** This device's chosen colour scheme (lib/theme.ts), for the server to draw the page in it from the first paint. */
export async function deviceTheme(): Promise<Theme> {
  return themeOf((await cookies()).get(THEME_COOKIE)?.value);
}
