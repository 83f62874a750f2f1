"use client";

import { EditIntent } from "@/components/intents/edit-intent";
import { InlineAction } from "@/components/ui/inline-action";
import { TimeRange } from "@/components/ui/time-range";
import { followedBy, type FormAction } from "@/lib/validation/form";
import { usePlans } from "./plans";

/** The viewer's own active intents; each disappears when it ends. */
export function IntentList({ cancelAction, editAction }: { cancelAction: FormAction; editAction: FormAction }) {
  const { plans: intents, forget } = usePlans();
  const cancel = followedBy(cancelAction, (result, data) => {
    if (result.ok) forget(String(data.get("intentId")));
  });
  if (intents.length === 0) {
    return <p className="text-stone-600">Nothing posted right now. Post what you feel like doing and we’ll watch for friends who want the same.</p>;
  }
  return (
    <ul className="divide-y divide-stone-100">
      {intents.map((intent) => (
        <li key={intent.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:flex-wrap sm:items-center sm:justify-between">
          <div className="min-w-0">
            <p className="font-medium capitalize wrap-anywhere">{intent.activity}</p>
            <p className="text-sm text-stone-600">
              <TimeRange startsAt={intent.startsAt} endsAt={intent.endsAt} /> · {intent.area} · up to {intent.travelKm} km ·{" "}
              {intent.audience === "close" ? "close friends" : "all friends"}
            </p>
            {intent.note && <p className="mt-1 text-sm text-stone-700 wrap-anywhere">“{intent.note}”</p>}
          </div>
          <div className="flex flex-wrap items-start gap-2">
            <EditIntent intent={intent} action={editAction} />
            <InlineAction action={cancel} fields={{ intentId: intent.id }} label="Cancel" ariaLabel={`Cancel ${intent.activity}`} confirm="Cancel this plan?" />
          </div>
        </li>
      ))}
    </ul>
  );
}
