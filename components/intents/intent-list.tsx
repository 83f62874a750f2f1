"use client";

import { useRef, useState } from "react";
import { EditIntent } from "@/components/intents/edit-intent";
import { Button } from "@/components/ui/button";
import { useFocusBack } from "@/components/ui/focus-back";
import { InlineAction } from "@/components/ui/inline-action";
import { useNotice } from "@/components/ui/notice";
import { ROW_ACTIONS } from "@/components/ui/row-actions";
import { TimeRange } from "@/components/ui/time-range";
import { followedBy, type FormAction } from "@/lib/validation/form";
import type { OwnIntentView } from "@/lib/views/plans";
import { usePlans } from "./plans";

/** The viewer's own active intents; each disappears when it ends. */
export function IntentList({ cancelAction, editAction }: { cancelAction: FormAction; editAction: FormAction }) {
  const { plans: intents, forget } = usePlans();
  const announce = useNotice();
  const cancel = followedBy(cancelAction, (result, data) => {
    if (!result.ok) return;
    const id = String(data.get("intentId"));
    const activity = intents.find((intent) => intent.id === id)?.activity;
    forget(id);
    announce(activity ? `Cancelled your ${activity} plan.` : "Plan cancelled.");
  });
  const edited = (activity: string) => announce(`Saved your changes to ${activity}.`, { focus: false });

  if (intents.length === 0) {
    return <p className="text-stone-600">Nothing posted right now. Post what you feel like doing and we’ll watch for friends who want the same.</p>;
  }
  return (
    <ul className="divide-y divide-stone-100">
      {intents.map((intent) => (
        <PlanRow key={intent.id} intent={intent} cancelAction={cancel} editAction={editAction} onEdited={() => edited(intent.activity)} />
      ))}
    </ul>
  );
}

function PlanRow({ intent, cancelAction, editAction, onEdited }: { intent: OwnIntentView; cancelAction: FormAction; editAction: FormAction; onEdited: () => void }) {
  const [editing, setEditing] = useState(false);
  const edit = useRef<HTMLButtonElement>(null);
  useFocusBack(editing, edit); // on "Edit" when the form closes, saved or kept as it was

  return (
    <li className="flex flex-col gap-2 py-3 sm:flex-row sm:flex-wrap sm:items-center sm:justify-between">
      <div className="min-w-0">
        <p className="font-medium capitalize wrap-anywhere">{intent.activity}</p>
        <p className="text-sm text-stone-600">
          <TimeRange startsAt={intent.startsAt} endsAt={intent.endsAt} /> · {intent.area} · up to {intent.travelKm} km ·{" "}
          {intent.audience === "close" ? "close friends" : "all friends"}
        </p>
        {intent.note && <p className="mt-1 text-sm text-stone-700 wrap-anywhere">“{intent.note}”</p>}
      </div>
      {editing ? (
        // While the form is open the plan's own Cancel is not offered: beside "Keep as it was" it
        // read as a way out of the form, and it ends the plan.
        <EditIntent
          intent={intent}
          action={editAction}
          onDone={(saved) => {
            setEditing(false);
            if (saved) onEdited();
          }}
        />
      ) : (
        <div className={`flex flex-wrap items-start gap-2 ${ROW_ACTIONS}`}>
          <Button ref={edit} type="button" variant="secondary" className="min-h-10 px-3 text-sm" aria-label={`Edit ${intent.activity}`} onClick={() => setEditing(true)}>
            Edit
          </Button>
          <InlineAction action={cancelAction} fields={{ intentId: intent.id }} label="Cancel" ariaLabel={`Cancel ${intent.activity}`} confirm="Cancel this plan?" />
        </div>
      )}
    </li>
  );
}
