import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { AppNav } from "@/components/app-nav";
import { LiveNotifications } from "@/components/live/live-notifications";
import { currentUser } from "@/lib/server/auth";
import { countUnread } from "@/lib/server/notifications";
import { signOutAction } from "./actions";

// Display only: every page in this group checks the session itself with requireUser().
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  const unread = user ? await countUnread(user.id) : 0;
  return (
    <div className="flex min-h-dvh flex-col">
      {user && (
        <>
          <AppHeader user={user} signOutAction={signOutAction} nav={<AppNav unread={unread} />} />
          <LiveNotifications />
        </>
      )}
      <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 pt-6 pb-28 lg:py-8">
        {children}
      </main>
    </div>
  );
}
