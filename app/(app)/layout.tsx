import Link from "next/link";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { AppNav } from "@/components/app-nav";
import { LiveNotifications } from "@/components/live/live-notifications";
import { currentUser } from "@/lib/server/auth";
import { countUnread } from "@/lib/server/notifications";
import { getPrivacySettings } from "@/lib/server/settings";
import { signOutAction } from "./actions";

// Display only: every page in this group checks the session itself with requireUser().
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  const [unread, settings] = user ? await Promise.all([countUnread(user.id), getPrivacySettings(user.id)]) : [0, null];
  return (
    <div className="flex min-h-dvh flex-col">
      {user && (
        <>
          <AppHeader user={user} signOutAction={signOutAction} nav={<AppNav unread={unread} />} />
          {settings?.pausedUntil && (
            <p className="bg-amber-100 px-4 py-2 text-center text-sm font-medium text-amber-950">
              Sharing is paused: your plans are not matched.{" "}
              <Link href="/settings/privacy#pause" className="underline underline-offset-2">
                Resume
              </Link>
            </p>
          )}
          <LiveNotifications />
        </>
      )}
      <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 pt-6 pb-28 lg:py-8">
        {children}
      </main>
    </div>
  );
}
