import type { Metadata } from "next";
import { SettingsGroup, SettingsRow } from "@/components/settings/settings-page";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/time-range";
import { precisionOf } from "@/lib/geo";
import { requireUser } from "@/lib/server/auth/auth";
import { listDevices } from "@/lib/server/push/subscriptions";
import { getPrivacySettings } from "@/lib/server/privacy/settings";
import { PAUSED_INDEFINITELY, PLAN_RETENTION_HOURS } from "@/lib/validation/settings";
import { signOutAction } from "../actions";

export const metadata: Metadata = { title: "Privacy & settings" };

/** The settings index: one short row per setting, each showing what it is now and opening its own page. */
export default async function SettingsIndexPage() {
  const user = await requireUser("/settings");
  const [settings, devices] = await Promise.all([getPrivacySettings(user.id), listDevices(user.id)]);
  const paused = settings.pausedUntil;
  const keepPlans = PLAN_RETENTION_HOURS.find((choice) => choice.value === settings.planRetentionHours)?.label ?? "";
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Privacy &amp; settings</h1>
        <p className="mt-1 text-stone-600">You decide how precisely you are shared, with whom, and how long anything is kept.</p>
      </div>

      <SettingsGroup id="sharing" title="Sharing">
        <SettingsRow
          href="/settings/pause"
          label="Pause sharing"
          value={
            !paused ? (
              "Off — your plans are matched"
            ) : paused.getTime() === PAUSED_INDEFINITELY.getTime() ? (
              "Paused until you turn it back on"
            ) : (
              <>
                Paused until <LocalTime inSentence at={paused} />
              </>
            )
          }
        />
        <SettingsRow
          href="/settings/precision"
          label="Location precision"
          value={`${precisionOf(settings.locationResolution).name} (${precisionOf(settings.locationResolution).area})`}
        />
        <SettingsRow
          href="/settings/defaults"
          label="Plan defaults"
          value={`Up to ${settings.defaultTravelKm} km · ${settings.defaultAudience === "close" ? "Close friends" : "All friends"}`}
        />
        <SettingsRow href="/settings/discovery" label="Being found" value={settings.discoverable ? "People can add me by my handle" : "Only by invite link"} />
      </SettingsGroup>

      <SettingsGroup id="app" title="This app">
        <SettingsRow
          href="/settings/notifications"
          label="Notifications"
          value={devices.length === 0 ? "Push goes to no device yet" : `Push goes to ${devices.length === 1 ? "1 device" : `${devices.length} devices`}`}
        />
        <SettingsRow href="/settings/appearance" label="Appearance" value="System, light or dark" />
      </SettingsGroup>

      <SettingsGroup id="data" title="Your data">
        <SettingsRow href="/settings/retention" label="How long things are kept" value={`Ended plans: ${keepPlans.toLowerCase()}`} />
        <SettingsRow href="/settings/data" label="What we store about you" value="Everything we hold, and a download of it all" />
        <SettingsRow href="/settings/ledger" label="What friends were told" value="Every match a friend heard about" />
      </SettingsGroup>

      <SettingsGroup id="danger" title="Delete" tone="danger">
        <SettingsRow href="/settings/delete-location" label="Delete my location data" tone="danger" />
        <SettingsRow href="/settings/delete-account" label="Delete my account" tone="danger" />
      </SettingsGroup>

      <section
        aria-labelledby="account-title"
        className="flex flex-wrap items-center justify-between gap-3 rounded-2xl border border-stone-200 bg-white p-4 shadow-sm"
      >
        <h2 id="account-title" className="sr-only">
          Account
        </h2>
        <p className="min-w-0 text-stone-700">
          Signed in as <span className="font-medium text-stone-900">{user.displayName}</span> <span className="text-stone-600">@{user.handle}</span>
        </p>
        <form action={signOutAction} data-leaves-page>
          <Button type="submit" variant="secondary" className="min-h-10 px-3 text-sm">
            Sign out
          </Button>
        </form>
      </section>
    </div>
  );
}
