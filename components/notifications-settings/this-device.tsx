"use client";

import { useCallback, useEffect, useState, useTransition } from "react";
import { serviceWorkerRegistration } from "@/components/pwa/register-service-worker";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { deviceLabel } from "@/lib/device-label";
import { initialFormState, type FormAction } from "@/lib/validation/form";
import type { DeviceStatus } from "@/lib/views/devices";

type Props = {
  /** The server's VAPID public key (base64url); null when push is not set up on this server. */
  vapidPublicKey: string | null;
  saveAction: FormAction;
  statusAction: FormAction<DeviceStatus>;
  removeAction: FormAction;
  /** Changes whenever the device list does, so a removal in "Your devices" is reflected here. */
  devicesKey: string;
};

type Status = "checking" | "unsupported" | "no-worker" | "no-server" | "denied" | "off" | "on";

function call<D>(action: FormAction<D>, fields: Record<string, string>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return action(initialFormState, form);
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function pushSupported(): boolean {
  return "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

/** Turning push on and off for the browser the page is open in. */
export function ThisDevice({ vapidPublicKey, saveAction, statusAction, removeAction, devicesKey }: Props) {
  const [status, setStatus] = useState<Status>("checking");
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [pending, startTransition] = useTransition();

  const check = useCallback(async (): Promise<Status> => {
    if (!pushSupported()) return "unsupported";
    if (!vapidPublicKey) return "no-server";
    const registration = await serviceWorkerRegistration().catch(() => null);
    if (!registration) return "no-worker";
    if (Notification.permission === "denied") return "denied";
    const subscription = await registration.pushManager.getSubscription();
    if (!subscription) return "off";
    const answer = await call(statusAction, { endpoint: subscription.endpoint });
    return answer.data?.registered === "yes" ? "on" : "off";
  }, [vapidPublicKey, statusAction]);

  useEffect(() => {
    let live = true;
    check().then(
      (next) => live && setStatus(next),
      () => live && setStatus("off"),
    );
    return () => {
      live = false;
    };
  }, [check, devicesKey]);

  function turnOn() {
    setError(undefined);
    setNotice(undefined);
    startTransition(async () => {
      try {
        const permission = await Notification.requestPermission();
        if (permission !== "granted") {
          setStatus(permission === "denied" ? "denied" : "off");
          if (permission !== "denied") setError("Notifications were not allowed. Try again and choose “Allow”.");
          return;
        }
        const registration = await serviceWorkerRegistration();
        if (!registration || !vapidPublicKey) return setStatus(registration ? "no-server" : "no-worker");
        const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(vapidPublicKey) });
        const { endpoint, keys } = subscription.toJSON();
        const answer = await call(saveAction, {
          endpoint: endpoint ?? "",
          p256dh: keys?.p256dh ?? "",
          auth: keys?.auth ?? "",
          label: deviceLabel(navigator.userAgent),
          timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        });
        if (!answer.ok) {
          // The server would not keep it, so the browser need not either.
          await subscription.unsubscribe().catch(() => false);
          setError(answer.message ?? "This device could not be registered.");
          return;
        }
        setStatus("on");
        setNotice(answer.message);
      } catch (cause) {
        console.warn("Push subscription failed:", cause);
        setError("This browser could not turn notifications on. Try again in a moment.");
      }
    });
  }

  function turnOff() {
    setError(undefined);
    setNotice(undefined);
    startTransition(async () => {
      try {
        const registration = await serviceWorkerRegistration();
        const subscription = await registration?.pushManager.getSubscription();
        if (subscription) {
          const answer = await call(removeAction, { endpoint: subscription.endpoint });
          if (!answer.ok) return setError(answer.message);
          await subscription.unsubscribe().catch(() => false);
        }
        setStatus("off");
        setNotice("Notifications are off for this device.");
      } catch (cause) {
        console.warn("Push unsubscribe failed:", cause);
        setError("This browser could not turn notifications off. Try again in a moment.");
      }
    });
  }

  return (
    <div className="flex flex-col gap-4">
      <p className="text-stone-600">Get a notification on this phone or computer when a friend’s plan matches yours, even when Overlap is closed.</p>
      <Explanation status={status} />
      {(status === "off" || status === "on") && (
        <div className="flex flex-wrap items-center gap-3">
          {status === "off" ? (
            <Button type="button" onClick={turnOn} pending={pending}>
              Turn on notifications on this device
            </Button>
          ) : (
            <>
              <p className="flex items-center gap-2 font-medium text-brand-800">
                <span aria-hidden="true" className="inline-block h-2.5 w-2.5 rounded-full bg-brand-700" />
                On for this device
              </p>
              <Button type="button" variant="secondary" onClick={turnOff} pending={pending}>
                Turn off on this device
              </Button>
            </>
          )}
        </div>
      )}
      {notice && !error && (
        <p role="status" className="text-sm font-medium text-brand-800">
          {notice}
        </p>
      )}
      <FormAlert message={error} />
    </div>
  );
}

function Explanation({ status }: { status: Status }) {
  const box = "rounded-lg border border-stone-200 bg-stone-50 px-4 py-3 text-sm text-stone-700";
  switch (status) {
    case "checking":
      return <p className="text-sm text-stone-500">Checking this browser…</p>;
    case "unsupported":
      return (
        <p className={box}>
          This browser can’t receive push notifications. On an iPhone or iPad, add Overlap to your Home Screen first and open it from there.
        </p>
      );
    case "no-worker":
      return <p className={box}>Push notifications need the installed app’s service worker, which isn’t running here (development builds go without one).</p>;
    case "no-server":
      return <p className={box}>Push notifications are not set up on this server. Everything still appears in the app.</p>;
    case "denied":
      return (
        <p className={box}>
          Notifications are blocked for Overlap in this browser. To allow them, open the site settings (the icon beside the address, or your phone’s Settings
          for the installed app), set Notifications to “Allow”, then reload this page.
        </p>
      );
    default:
      return null;
  }
}
