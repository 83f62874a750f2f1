import type { Metadata } from "next";
import { DiscoverableToggle } from "@/components/settings/discoverable-toggle";
import { SettingsPage } from "@/components/settings/settings-page";
import { requireUser } from "@/lib/server/auth/auth";
import { getPrivacySettings } from "@/lib/server/privacy/settings";
import { setDiscoverableAction } from "../actions";

export const metadata: Metadata = { title: "Being found" };

export default async function DiscoveryPage() {
  const user = await requireUser("/settings/discovery");
  const settings = await getPrivacySettings(user.id);
  return (
    <SettingsPage title="Being found">
      <DiscoverableToggle action={setDiscoverableAction} discoverable={settings.discoverable} />
    </SettingsPage>
  );
}
