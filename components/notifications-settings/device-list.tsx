import { InlineAction } from "@/components/ui/inline-action";
import { LocalTime } from "@/components/ui/time-range";
import type { FormAction } from "@/lib/validation/form";
import type { DeviceView } from "@/lib/views/devices";

/** The devices push goes to, each removable (a lost phone can be cut off from here). */
export function DeviceList({ devices, removeAction }: { devices: DeviceView[]; removeAction: FormAction }) {
  if (devices.length === 0) {
    return <p className="text-stone-600">No devices yet. Notifications appear in the app only until you turn them on for a device above.</p>;
  }
  return (
    <ul className="divide-y divide-stone-200">
      {devices.map((device) => (
        <li key={device.id} className="flex flex-wrap items-center justify-between gap-3 py-3 first:pt-0 last:pb-0">
          <div className="flex flex-col">
            <span className="font-medium text-stone-900">{device.label}</span>
            <span className="text-sm text-stone-600">
              Added <LocalTime at={device.createdAt} inSentence />
            </span>
          </div>
          <InlineAction
            action={removeAction}
            fields={{ subscriptionId: device.id }}
            label="Remove"
            ariaLabel={`Remove ${device.label}`}
            variant="danger"
            confirm={`Remove ${device.label}? It will get no more pushes.`}
          />
        </li>
      ))}
    </ul>
  );
}
