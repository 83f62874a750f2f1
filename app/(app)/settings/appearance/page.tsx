import type { Metadata } from "next";
import { AppearanceChoice } from "@/components/settings/appearance-choice";
import { SectionCard } from "@/components/ui/section-card";
import { requireUser } from "@/lib/server/auth/auth";
import { deviceTheme } from "@/lib/server/theme";

export const metadata: Metadata = { title: "Appearance" };

export default async function AppearanceSettingsPage() {
  await requireUser("/settings/appearance");
  const theme = await deviceTheme();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Appearance</h1>
        <p className="mt-1 text-stone-600">How Overlap looks on this device.</p>
      </div>
      <SectionCard id="colours" title="Light and dark">
        <AppearanceChoice current={theme} />
      </SectionCard>
    </div>
  );
}
