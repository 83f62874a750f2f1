import type { Metadata } from "next";
import { PrecisionForm } from "@/components/settings/preference-forms";
import { SettingsPage } from "@/components/settings/settings-page";
import { requireUser } from "@/lib/server/auth/auth";
import { getPrivacySettings } from "@/lib/server/privacy/settings";
import { setPrecisionAction } from "../actions";

export const metadata: Metadata = { title: "Location precision" };

export default async function PrecisionPage() {
  const user = await requireUser("/settings/precision");
  const settings = await getPrivacySettings(user.id);
  return (
    <SettingsPage title="Location precision">
      <PrecisionForm action={setPrecisionAction} current={settings.locationResolution} />
    </SettingsPage>
  );
}
