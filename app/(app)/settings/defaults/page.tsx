import type { Metadata } from "next";
import { PlanDefaultsForm } from "@/components/settings/preference-forms";
import { SettingsPage } from "@/components/settings/settings-page";
import { requireUser } from "@/lib/server/auth/auth";
import { getPrivacySettings } from "@/lib/server/privacy/settings";
import { setPlanDefaultsAction } from "../actions";

export const metadata: Metadata = { title: "Plan defaults" };

export default async function PlanDefaultsPage() {
  const user = await requireUser("/settings/defaults");
  const settings = await getPrivacySettings(user.id);
  return (
    <SettingsPage title="Plan defaults" intro="What a new plan starts with. You can change both on each plan.">
      <PlanDefaultsForm action={setPlanDefaultsAction} travelKm={settings.defaultTravelKm} audience={settings.defaultAudience} />
    </SettingsPage>
  );
}
