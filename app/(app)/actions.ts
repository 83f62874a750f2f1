"use server";

import { signOut } from "@/lib/server/auth/auth";

// Safe to call in any state: it ends the server-side session row, clears the cookie and returns to
// the landing page.
export async function signOutAction(): Promise<void> {
  await signOut("/");
}
