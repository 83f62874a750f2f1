import type { Metadata } from "next";
import { RetentionForm } from "@/components/settings/preference-forms";
import { SettingsPage } from "@/components/settings/settings-page";
import { requireUser } from "@/lib/server/auth/auth";
import { getPrivacySettings } from "@/lib/server/privacy/settings";
import { setRetentionAction } from "../actions";

export const metadata: Metadata = { title: "How long things are kept" };

export default async function RetentionPage() {
  const user = await requireUser("/settings/retention");
  const settings = await getPrivacySettings(user.id);
  return (
    <SettingsPage title="How long things are kept" intro="Anything past its time is deleted within a minute, including when you shorten a setting.">
      <RetentionForm
        action={setRetentionAction}
        current={{
          planRetentionHours: settings.planRetentionHours,
          notificationRetentionDays: settings.notificationRetentionDays,
          ledgerRetentionDays: settings.ledgerRetentionDays,
        }}
      />
    </SettingsPage>
  );
}
