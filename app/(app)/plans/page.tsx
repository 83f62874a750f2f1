import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { Activity } from "react";
import { Composer } from "@/components/plans/composer";
import { GettingStarted } from "@/components/plans/getting-started";
import { PauseShortcut } from "@/components/plans/pause-shortcut";
import { PlanList } from "@/components/plans/plan-list";
import { PlansProvider } from "@/components/plans/plans";
import { PrefillProvider } from "@/components/plans/prefill";
import { StandingPlans } from "@/components/plans/standing-plans";
import { Suggestions } from "@/components/plans/suggestions";
import { NoticeArea } from "@/components/ui/notice";
import { SectionCard } from "@/components/ui/section-card";
import { isNewAccount } from "@/lib/server/auth/accounts";
import { listCloseFriends } from "@/lib/server/matches/asks";
import { requireUser } from "@/lib/server/auth/auth";
import { listActivePlans } from "@/lib/server/plans/plans";
import { listStandingPlans } from "@/lib/server/plans/standing";
import { getPrivacySettings } from "@/lib/server/privacy/settings";
import { getReach } from "@/lib/server/social/friends";
import {
  addStandingPlanAction,
  askFriendsAction,
  cancelPlanAction,
  editPlanAction,
  editStandingPlanAction,
  pauseStandingPlanAction,
  postPlanAction,
  removeStandingPlanAction,
} from "./actions";
import { pauseAction, resumeAction } from "../settings/actions";

export const metadata: Metadata = { title: "Plans" };

export default async function PlansPage() {
  const user = await requireUser();
  const [{ plans, listedAt }, standing, settings, reach, newAccount, closeFriends] = await Promise.all([
    listActivePlans(user.id),
    listStandingPlans(user.id),
    getPrivacySettings(user.id),
    getReach(user.id),
    isNewAccount(user.id),
    listCloseFriends(user.id),
  ]);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Hi {user.displayName}</h1>
        <p className="mt-1 text-stone-600">What do you feel like doing? Friends who want the same thing nearby will hear about it — and so will you.</p>
        {/* Paused, the banner above every page says so and resumes. */}
        {!settings.pausedUntil && (
          <Activity>
            <PauseShortcut pauseAction={pauseAction} resumeAction={resumeAction} />
          </Activity>
        )}
      </div>
      <PlansProvider owner={user.id} plans={plans} listedAt={listedAt}>
        <PrefillProvider>
          <Activity>
            {newAccount && <GettingStarted reach={reach} />}
            <Suggestions standing={standing.map((plan) => plan.activity)} />
          </Activity>
          {/* Each section is a boundary React hydrates after the page around it, in slices that leave a
              phone free to answer taps between them, rather than in one long task. Activity, not
              Suspense: a Suspense boundary that takes the page's HTML past ~12.8 kB is sent after the
              rest of the page and moved into place, pushing down what follows (a layout shift). */}
          <Activity>
            <SectionCard id="your-plans" title="Your plans">
              <NoticeArea>
                <PlanList cancelAction={cancelPlanAction} editAction={editPlanAction} askAction={askFriendsAction} closeFriends={closeFriends} />
              </NoticeArea>
            </SectionCard>
          </Activity>
          <Activity>
            <SectionCard id="compose" title="Post a plan">
              <Composer
                action={postPlanAction}
                resolution={settings.locationResolution}
                defaults={{ travelKm: settings.defaultTravelKm, audience: settings.defaultAudience }}
                reach={reach}
                firstPostKey={randomUUID()}
              />
            </SectionCard>
          </Activity>
          <Activity>
            <SectionCard id="standing" title="Standing plans">
              <NoticeArea>
                <StandingPlans
                  standing={standing}
                  addAction={addStandingPlanAction}
                  editAction={editStandingPlanAction}
                  pauseAction={pauseStandingPlanAction}
                  removeAction={removeStandingPlanAction}
                  resolution={settings.locationResolution}
                  defaults={{ travelKm: settings.defaultTravelKm, audience: settings.defaultAudience }}
                  reach={reach}
                />
              </NoticeArea>
            </SectionCard>
          </Activity>
        </PrefillProvider>
      </PlansProvider>
    </div>
  );
}
