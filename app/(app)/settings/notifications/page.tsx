import type { Metadata } from "next";
import Link from "next/link";
import { DeviceList } from "@/components/notifications-settings/device-list";
import { PushControlsForm } from "@/components/notifications-settings/push-controls-form";
import { ThisDevice } from "@/components/notifications-settings/this-device";
import { BackToSettings } from "@/components/settings/settings-page";
import { SectionCard } from "@/components/ui/section-card";
import { requireUser } from "@/lib/server/auth/auth";
import { listDevices, pushPublicKey } from "@/lib/server/push/subscriptions";
import { getPushControls } from "@/lib/server/privacy/settings";
import { deviceStatusAction, removeDeviceAction, removeThisDeviceAction, saveDeviceAction, setPushControlsAction } from "./actions";

export const metadata: Metadata = { title: "Notifications" };

const link = "font-medium text-brand-800 underline underline-offset-2 hover:text-brand-900";

export default async function NotificationSettingsPage() {
  const user = await requireUser("/settings/notifications");
  const [devices, controls] = await Promise.all([listDevices(user.id), getPushControls(user.id)]);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <BackToSettings />
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Notifications</h1>
        <p className="mt-1 text-stone-600">
          Choose where and when matches are pushed to you. Every notification is always in{" "}
          <Link href="/notifications" className={link}>
            your inbox
          </Link>{" "}
          too.
        </p>
      </div>
      <SectionCard id="this-device" title="This device">
        <ThisDevice
          vapidPublicKey={pushPublicKey()}
          saveAction={saveDeviceAction}
          statusAction={deviceStatusAction}
          removeAction={removeThisDeviceAction}
          devicesKey={devices.map((device) => device.id).join(",")}
        />
      </SectionCard>
      <SectionCard id="devices" title="Your devices" description="Push goes to each of these. Remove one you no longer use, or lost.">
        <DeviceList devices={devices} removeAction={removeDeviceAction} />
      </SectionCard>
      <SectionCard id="when" title="When to ping me">
        <PushControlsForm action={setPushControlsAction} current={controls} />
      </SectionCard>
    </div>
  );
}
