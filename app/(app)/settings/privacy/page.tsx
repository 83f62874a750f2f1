import type { Metadata } from "next";
import { DiscoverableToggle } from "@/components/settings/discoverable-toggle";
import { PauseControl } from "@/components/settings/pause-control";
import { SectionCard } from "@/components/ui/section-card";
import { requireUser } from "@/lib/server/auth";
import { getPrivacySettings } from "@/lib/server/settings";
import { PAUSED_INDEFINITELY } from "@/lib/validation/settings";
import { pauseAction, resumeAction, setDiscoverableAction } from "./actions";

export const metadata: Metadata = { title: "Privacy" };

export default async function PrivacySettingsPage() {
  const user = await requireUser();
  const settings = await getPrivacySettings(user.id);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Privacy</h1>
        <p className="mt-1 text-stone-600">You decide who can find you, and when you are not to be found at all.</p>
      </div>
      <SectionCard id="pause" title="Pause sharing">
        <PauseControl
          pausedUntil={settings.pausedUntil}
          indefinite={settings.pausedUntil?.getTime() === PAUSED_INDEFINITELY.getTime()}
          pauseAction={pauseAction}
          resumeAction={resumeAction}
        />
      </SectionCard>
      <SectionCard id="discovery" title="Being found">
        <DiscoverableToggle action={setDiscoverableAction} discoverable={settings.discoverable} />
      </SectionCard>
    </div>
  );
}
