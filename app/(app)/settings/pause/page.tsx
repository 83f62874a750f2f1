import type { Metadata } from "next";
import { PauseControl } from "@/components/settings/pause-control";
import { SettingsPage } from "@/components/settings/settings-page";
import { requireUser } from "@/lib/server/auth/auth";
import { getPrivacySettings } from "@/lib/server/privacy/settings";
import { PAUSED_INDEFINITELY } from "@/lib/validation/settings";
import { pauseAction, resumeAction } from "../actions";

export const metadata: Metadata = { title: "Pause sharing" };

export default async function PausePage() {
  const user = await requireUser("/settings/pause");
  const settings = await getPrivacySettings(user.id);
  return (
    <SettingsPage title="Pause sharing" intro="Ghost mode: for a while, or until you turn it back on. You can also pause from your plans.">
      <PauseControl
        pausedUntil={settings.pausedUntil}
        indefinite={settings.pausedUntil?.getTime() === PAUSED_INDEFINITELY.getTime()}
        pauseAction={pauseAction}
        resumeAction={resumeAction}
      />
    </SettingsPage>
  );
}
