import { cookies, headers } from "next/headers";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { AppNav } from "@/components/app-nav";
import { PendingRouteProvider, RouteBody } from "@/components/pending-route";
import { LiveNotifications } from "@/components/live/live-notifications";
import { InlineAction } from "@/components/ui/inline-action";
import { ClockProvider, LocalTime } from "@/components/ui/time-range";
import { requestClock, ZONE_COOKIE } from "@/lib/clock";
import { currentUser } from "@/lib/server/auth/auth";
import { getInboxState } from "@/lib/server/live/inbox";
import { getPrivacySettings } from "@/lib/server/privacy/settings";
import { PAUSED_INDEFINITELY } from "@/lib/validation/settings";
import { resumeAction } from "./settings/actions";

// Display only: every page in this group checks the session itself with requireUser().
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  const [inbox, settings] = user ? await Promise.all([getInboxState(user.id), getPrivacySettings(user.id)]) : [null, null];
  const [jar, head] = await Promise.all([cookies(), headers()]);
  const clock = requestClock(jar.get(ZONE_COOKIE)?.value, head.get("accept-language"));
  return (
    <ClockProvider clock={clock}>
      <PendingRouteProvider>
        <div className="flex min-h-dvh flex-col">
          {user && (
            <>
              <AppHeader user={user} nav={<AppNav unread={inbox?.unread ?? 0} />} />
              {settings?.pausedUntil && (
                <div className="flex flex-wrap items-center justify-center gap-x-3 gap-y-1 bg-amber-100 px-4 py-2 text-center text-sm font-medium text-amber-950">
                  <p>
                    Sharing is paused: your plans are not matched.{" "}
                    {settings.pausedUntil.getTime() === PAUSED_INDEFINITELY.getTime() ? (
                      "Until you turn it back on."
                    ) : (
                      <>
                        Ends <LocalTime inSentence at={settings.pausedUntil} />.
                      </>
                    )}
                  </p>
                  <InlineAction action={resumeAction} fields={{}} label="Resume" ariaLabel="Resume sharing now" />
                </div>
              )}
              <LiveNotifications since={inbox?.latestId ?? "0"} />
            </>
          )}
          <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 pt-6 pb-28 lg:py-8">
            <RouteBody>{children}</RouteBody>
          </main>
        </div>
      </PendingRouteProvider>
    </ClockProvider>
  );
}
