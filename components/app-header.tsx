import type { ReactNode } from "react";
import { Brand } from "@/components/brand";
import { Button } from "@/components/ui/button";
import type { SessionUser } from "@/lib/views/account";

type Props = {
  user: Pick<SessionUser, "displayName" | "handle">;
  signOutAction: () => Promise<void>;
  /** The main navigation: inline here on larger screens, a bottom tab bar on phones. */
  nav: ReactNode;
};

export function AppHeader({ user, signOutAction, nav }: Props) {
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex h-16 max-w-5xl items-center justify-between gap-3 px-4">
        <Brand href="/plans" />
        <div className="lg:flex-1">{nav}</div>
        <div className="flex min-w-0 items-center gap-2 sm:gap-3">
          <p className="min-w-0 text-right leading-tight">
            <span className="sr-only">Signed in as </span>
            <span className="block truncate text-sm font-medium text-stone-900" data-testid="signed-in-name">
              {user.displayName}
            </span>
            <span className="block truncate text-xs text-stone-600">@{user.handle}</span>
          </p>
          <form action={signOutAction} data-leaves-page>
            <Button type="submit" variant="secondary" className="min-h-10 px-3 text-sm">
              Sign out
            </Button>
          </form>
        </div>
      </div>
    </header>
  );
}
