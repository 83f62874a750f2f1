"use client";

import { useRef, useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { useFocusBack } from "@/components/ui/focus-back";
import { InlineAction } from "@/components/ui/inline-action";
import { useNotice } from "@/components/ui/notice";
import { ROW_ACTIONS } from "@/components/ui/row-actions";
import { ClockRange, TimeRange } from "@/components/ui/time-range";
import type { Resolution } from "@/lib/geo/precision";
import { daysWords } from "@/lib/standing-times";
import type { FormAction } from "@/lib/validation/form";
import type { PlanOptions, Reach, StandingPlanView } from "@/lib/views/plans";
import { usePrefill } from "./prefill";
import { StandingForm, useBrowserZone } from "./standing-form";

type Actions = { addAction: FormAction; editAction: FormAction; pauseAction: FormAction; removeAction: FormAction };
type Props = Actions & {
  standing: StandingPlanView[];
  resolution: Resolution;
  defaults: Pick<PlanOptions, "travelKm" | "audience">;
  reach?: Reach;
};

/** Standing plans: the list, and a form to add one (closed until asked for, once there are some). */
export function StandingPlans({ standing, addAction, editAction, pauseAction, removeAction, resolution, defaults, reach }: Props) {
  const [adding, setAdding] = useState(false);
  const announce = useNotice();
  // A habit suggested on this device ("Make it a standing plan"): the form opens filled in with it.
  const { prefill } = usePrefill();
  const [filled, setFilled] = useState<number | null>(null);
  if (prefill?.kind === "standing" && prefill.key !== filled) {
    setFilled(prefill.key);
    setAdding(true);
  }
  const initial = prefill?.kind === "standing" ? prefill : null;
  const open = useRef<HTMLButtonElement>(null);
  useFocusBack(adding, open);
  return (
    <div className="flex flex-col gap-4">
      {standing.length === 0 ? (
        <p className="text-stone-600">Something you do most weeks? Set it once: each week we look for friends who are up for the same, a day ahead.</p>
      ) : (
        <ul className="divide-y divide-stone-100" aria-label="Your standing plans">
          {standing.map((plan) => (
            <StandingRow
              key={plan.id}
              plan={plan}
              editAction={editAction}
              pauseAction={pauseAction}
              removeAction={removeAction}
              resolution={resolution}
              onSaved={(saved) => announce(saved, { focus: false })}
            />
          ))}
        </ul>
      )}
      {adding ? (
        <StandingForm
          key={initial?.key ?? 0}
          initial={initial}
          action={addAction}
          resolution={resolution}
          defaults={defaults}
          reach={reach}
          onDone={(saved) => {
            setAdding(false);
            if (saved) announce(saved, { focus: false });
          }}
        />
      ) : (
        <Button ref={open} type="button" variant="secondary" className="self-start" onClick={() => setAdding(true)}>
          + Add a standing plan
        </Button>
      )}
    </div>
  );
}

function StandingRow({
  plan,
  editAction,
  pauseAction,
  removeAction,
  resolution,
  onSaved,
}: { plan: StandingPlanView; resolution: Resolution; onSaved: (saved: string) => void } & Omit<Actions, "addAction">) {
  const [editing, setEditing] = useState(false);
  const edit = useRef<HTMLButtonElement>(null);
  useFocusBack(editing, edit);
  if (editing) {
    return (
      <li className="py-3">
        <StandingForm
          editing={plan}
          initial={null}
          action={editAction}
          resolution={resolution}
          defaults={plan}
          onDone={(saved) => {
            setEditing(false);
            if (saved) onSaved(saved);
          }}
        />
      </li>
    );
  }
  return (
    <li className="flex flex-col gap-2 py-3 sm:flex-row sm:flex-wrap sm:items-center sm:justify-between">
      <div className="min-w-0">
        <p className="font-medium wrap-anywhere capitalize">{plan.activity}</p>
        <p className="text-sm text-stone-600">
          {daysWords(plan.days)}, <ClockRange from={plan.startMinute} to={plan.endMinute} />
          <OtherZone zone={plan.timeZone} /> · your standing area ({plan.area.replace(/^an area of /, "")}) · up to {plan.travelKm} km ·{" "}
          {plan.audience === "close" ? "close friends" : "all friends"}
          {plan.lastOn && <> · until {plan.lastOn}</>}
        </p>
        <p className="mt-1 text-sm text-stone-700">
          {plan.paused ? (
            "Paused — no new weeks until you resume it."
          ) : plan.next ? (
            <>
              Next: <TimeRange dated startsAt={plan.next.startsAt} endsAt={plan.next.endsAt} />
            </>
          ) : (
            "No weeks left before its last day."
          )}
        </p>
      </div>
      <div className={`flex flex-wrap items-start gap-2 ${ROW_ACTIONS}`}>
        <a
          href={`/api/calendar/standing/${plan.id}`}
          download
          className={buttonClasses("secondary", "min-h-10 px-3 text-sm")}
          aria-label={`Add standing ${plan.activity} to my calendar`}
        >
          Add to calendar
        </a>
        <Button
          ref={edit}
          type="button"
          variant="secondary"
          className="min-h-10 px-3 text-sm"
          aria-label={`Edit standing ${plan.activity}`}
          onClick={() => setEditing(true)}
        >
          Edit
        </Button>
        <InlineAction
          action={pauseAction}
          fields={{ standingId: plan.id, paused: plan.paused ? "false" : "true" }}
          label={plan.paused ? "Resume" : "Pause"}
          ariaLabel={`${plan.paused ? "Resume" : "Pause"} standing ${plan.activity}`}
          done={plan.paused ? `Resumed your standing ${plan.activity} plan.` : `Paused your standing ${plan.activity} plan.`}
        />
        <InlineAction
          action={removeAction}
          fields={{ standingId: plan.id }}
          label="Remove"
          ariaLabel={`Remove standing ${plan.activity}`}
          variant="danger"
          confirm="Remove it, and this week’s plan if there is one?"
          done={`Removed your standing ${plan.activity} plan.`}
        />
      </div>
    </li>
  );
}

/** " (Europe/Lisbon time)" when the plan's zone is not the browser's: its hours are that zone's. */
function OtherZone({ zone }: { zone: string }) {
  const browser = useBrowserZone();
  return browser && browser !== zone ? <> ({zone} time)</> : null;
}
