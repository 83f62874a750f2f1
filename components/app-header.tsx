import Link from "next/link";
import type { ReactNode } from "react";
import { Brand } from "@/components/brand";
import type { SessionUser } from "@/lib/views/account";

type Props = {
  user: Pick<SessionUser, "displayName" | "handle">;
  /** The main navigation: inline here on larger screens, a bottom tab bar on phones. */
  nav: ReactNode;
};

/** The brand, the navigation, and who is signed in — a link to the settings, where "Sign out" is. */
export function AppHeader({ user, nav }: Props) {
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex h-16 max-w-5xl items-center justify-between gap-3 px-4">
        <Brand href="/plans" />
        <div className="lg:flex-1">{nav}</div>
        <Link href="/settings" className="min-w-0 rounded-lg px-2 py-1 text-right leading-tight hover:bg-stone-100">
          <span className="sr-only">Signed in as </span>
          <span className="block truncate text-sm font-medium text-stone-900" data-testid="signed-in-name">
            {user.displayName}
          </span>
          <span className="block truncate text-xs text-stone-600">@{user.handle}</span>
          <span className="sr-only">: account and settings</span>
        </Link>
      </div>
    </header>
  );
}
