import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { Composer } from "@/components/intents/composer";
import { IntentList } from "@/components/intents/intent-list";
import { PlansProvider } from "@/components/intents/plans";
import { NoticeArea } from "@/components/ui/notice";
import { SectionCard } from "@/components/ui/section-card";
import { requireUser } from "@/lib/server/auth";
import { listActiveIntents } from "@/lib/server/intents";
import { getPrivacySettings } from "@/lib/server/settings";
import { cancelIntentAction, editIntentAction, postIntentAction } from "./actions";

export const metadata: Metadata = { title: "Now" };

export default async function NowPage() {
  const user = await requireUser();
  const [{ intents, listedAt }, settings] = await Promise.all([listActiveIntents(user.id), getPrivacySettings(user.id)]);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Hi {user.displayName}</h1>
        <p className="mt-1 text-stone-600">What do you feel like doing? Friends who want the same thing nearby will hear about it — and so will you.</p>
      </div>
      <PlansProvider owner={user.id} intents={intents} listedAt={listedAt}>
        <SectionCard id="your-plans" title="Your plans">
          <NoticeArea>
            <IntentList cancelAction={cancelIntentAction} editAction={editIntentAction} />
          </NoticeArea>
        </SectionCard>
        <SectionCard id="compose" title="Post a plan">
          <Composer
            action={postIntentAction}
            resolution={settings.locationResolution}
            defaults={{ travelKm: settings.defaultTravelKm, audience: settings.defaultAudience }}
            firstPostKey={randomUUID()}
          />
        </SectionCard>
      </PlansProvider>
    </div>
  );
}
