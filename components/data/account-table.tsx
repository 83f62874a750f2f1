import type { ReactNode } from "react";
import { LocalTime } from "@/components/ui/time-range";
import { precisionOf, type Resolution } from "@/lib/geo";
import type { AccountSettingsItem } from "@/lib/views/data";
import { PLAN_RETENTION_HOURS, PAUSED_INDEFINITELY } from "@/lib/validation/settings";

function sharing(pausedUntil: string | null, now: string): ReactNode {
  if (!pausedUntil || pausedUntil <= now) return "On";
  if (pausedUntil === PAUSED_INDEFINITELY.toISOString()) return "Paused until you turn it back on";
  return (
    <>
      Paused until <LocalTime inSentence at={pausedUntil} />
    </>
  );
}

function area(resolution: number): string {
  const precision = precisionOf(resolution as Resolution);
  return precision ? `${precision.name} (${precision.area})` : `Resolution ${resolution}`;
}

/** The account row and its settings, one labelled line each. */
export function AccountTable({ account, now }: { account: AccountSettingsItem; now: string }) {
  const rows: [string, ReactNode][] = [
    ["Name", account.displayName],
    ["Handle", `@${account.handle}`],
    ["Email", account.email],
    ["Joined", <LocalTime key="joined" at={account.createdAt} />],
    ["Found by handle", account.discoverable ? "Yes" : "No — only through invite links"],
    ["Sharing", sharing(account.pausedUntil, now)],
    ["Area precision", area(account.locationResolution)],
    ["New plans start with", `Up to ${account.defaultTravelKm} km, ${account.defaultAudience === "close" ? "close friends" : "all friends"}`],
    [
      "Ended plans",
      PLAN_RETENTION_HOURS.find((choice) => choice.value === account.planRetentionHours)?.label ?? `Keep for ${account.planRetentionHours} hours`,
    ],
    ["Notifications kept", `${account.notificationRetentionDays} days`],
    ["Ledger kept", `${account.ledgerRetentionDays} days`],
  ];
  return (
    <table className="w-full text-left text-sm">
      <tbody className="divide-y divide-stone-100">
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row" className="w-2/5 py-2 pr-3 align-top font-medium text-stone-700">
              {label}
            </th>
            <td className="py-2 wrap-anywhere text-stone-900">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
