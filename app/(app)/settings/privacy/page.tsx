import type { Metadata } from "next";
import Link from "next/link";
import { DeleteAccountForm } from "@/components/settings/delete-account-form";
import { DeleteLocationForm } from "@/components/settings/delete-location-form";
import { DiscoverableToggle } from "@/components/settings/discoverable-toggle";
import { PauseControl } from "@/components/settings/pause-control";
import { PlanDefaultsForm, PrecisionForm, RetentionForm } from "@/components/settings/preference-forms";
import { SectionCard } from "@/components/ui/section-card";
import { requireUser } from "@/lib/server/auth/auth";
import { listDevices } from "@/lib/server/push/subscriptions";
import { getPrivacySettings } from "@/lib/server/privacy/settings";
import { PAUSED_INDEFINITELY } from "@/lib/validation/settings";
import {
  deleteAccountAction,
  deleteLocationDataAction,
  pauseAction,
  resumeAction,
  setDiscoverableAction,
  setPlanDefaultsAction,
  setPrecisionAction,
  setRetentionAction,
} from "./actions";

export const metadata: Metadata = { title: "Privacy" };

const link = "font-medium text-brand-800 underline underline-offset-2 hover:text-brand-900";

export default async function PrivacySettingsPage() {
  const user = await requireUser("/settings/privacy");
  const [settings, devices] = await Promise.all([getPrivacySettings(user.id), listDevices(user.id)]);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Privacy</h1>
        <p className="mt-1 text-stone-600">
          You decide how precisely you are shared, with whom, and how long anything is kept. See{" "}
          <Link href="/settings/data" className={link}>
            what we store about you
          </Link>{" "}
          and{" "}
          <Link href="/settings/ledger" className={link}>
            what friends were told
          </Link>
          .
        </p>
      </div>
      <SectionCard id="pause" title="Pause sharing">
        <PauseControl
          pausedUntil={settings.pausedUntil}
          indefinite={settings.pausedUntil?.getTime() === PAUSED_INDEFINITELY.getTime()}
          pauseAction={pauseAction}
          resumeAction={resumeAction}
        />
      </SectionCard>
      <SectionCard id="precision" title="Location precision">
        <PrecisionForm action={setPrecisionAction} current={settings.locationResolution} />
      </SectionCard>
      <SectionCard id="defaults" title="New plans start with">
        <PlanDefaultsForm action={setPlanDefaultsAction} travelKm={settings.defaultTravelKm} audience={settings.defaultAudience} />
      </SectionCard>
      <SectionCard
        id="retention"
        title="How long we keep things"
        description="Anything past its time is deleted within a minute, including when you shorten a setting."
      >
        <RetentionForm
          action={setRetentionAction}
          current={{
            planRetentionHours: settings.planRetentionHours,
            notificationRetentionDays: settings.notificationRetentionDays,
            ledgerRetentionDays: settings.ledgerRetentionDays,
          }}
        />
      </SectionCard>
      <SectionCard id="push" title="Push notifications">
        <div className="flex flex-col gap-3">
          <p className="text-stone-600">
            Which devices get a push when a friend matches, quiet hours, a daily limit per friend and activities never to push about.
          </p>
          <p className="text-stone-800">
            {devices.length === 0 ? "Push goes to no device yet." : `Push goes to: ${devices.map((device) => device.label).join(", ")}.`}
          </p>
          <Link href="/settings/notifications" className={`${link} self-start`}>
            Notification settings
          </Link>
        </div>
      </SectionCard>
      <SectionCard id="discovery" title="Being found">
        <DiscoverableToggle action={setDiscoverableAction} discoverable={settings.discoverable} />
      </SectionCard>
      <SectionCard id="export" title="Your data">
        <div className="flex flex-col gap-3">
          <p className="text-stone-600">Everything we hold about you, and when each piece will be deleted — or all of it as one JSON file.</p>
          <div className="flex flex-wrap gap-x-5 gap-y-2">
            <Link href="/settings/data" className={link}>
              What we store about you
            </Link>
            <a href="/api/export" download className={link}>
              Download everything (JSON)
            </a>
          </div>
        </div>
      </SectionCard>
      <SectionCard id="delete-location" title="Delete my location data">
        <DeleteLocationForm action={deleteLocationDataAction} />
      </SectionCard>
      <SectionCard id="delete-account" title="Delete my account">
        <DeleteAccountForm action={deleteAccountAction} />
      </SectionCard>
    </div>
  );
}
