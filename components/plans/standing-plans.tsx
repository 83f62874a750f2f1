"use client";

import { useActionState, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { FormAlert } from "@/components/ui/form-alert";
import { useFocusBack } from "@/components/ui/focus-back";
import { InlineAction } from "@/components/ui/inline-action";
import { keepFields } from "@/components/ui/keep-fields";
import { useNotice } from "@/components/ui/notice";
import { ROW_ACTIONS } from "@/components/ui/row-actions";
import { TextField } from "@/components/ui/text-field";
import { ClockRange, TimeRange } from "@/components/ui/time-range";
import type { Resolution } from "@/lib/geo";
import { DAY_NAMES, daysWords, WEEK_ORDER } from "@/lib/standing-times";
import { followedBy, initialFormState, type FormAction } from "@/lib/validation/form";
import { PRESET_ACTIVITIES } from "@/lib/validation/plans";
import type { PlanOptions, Reach, StandingPlanView } from "@/lib/views/plans";
import { ActivityField, AreaField, chip, fieldset, legend, ReachFields } from "./plan-fields";
import { usePrefill, type Prefill } from "./prefill";
import { useArea } from "./use-area";

type Actions = { addAction: FormAction; pauseAction: FormAction; removeAction: FormAction };
type Props = Actions & {
  standing: StandingPlanView[];
  resolution: Resolution;
  defaults: Pick<PlanOptions, "travelKm" | "audience">;
  reach?: Reach;
};

/** Standing plans: the list, and a form to add one (closed until asked for, once there are some). */
export function StandingPlans({ standing, addAction, pauseAction, removeAction, resolution, defaults, reach }: Props) {
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
            <StandingRow key={plan.id} plan={plan} pauseAction={pauseAction} removeAction={removeAction} />
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

function StandingRow({ plan, pauseAction, removeAction }: { plan: StandingPlanView } & Omit<Actions, "addAction">) {
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

const noSubscription = () => () => {};

/** The browser's own time zone (empty while rendered on the server, which does not know it). */
function useBrowserZone(): string {
  return useSyncExternalStore(
    noSubscription,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => "",
  );
}

/** " (Europe/Lisbon time)" when the plan's zone is not the browser's: its hours are that zone's. */
function OtherZone({ zone }: { zone: string }) {
  const browser = useBrowserZone();
  return browser && browser !== zone ? <> ({zone} time)</> : null;
}

const FIRST_ACTIVITY: string = PRESET_ACTIVITIES[0];

/** "07:30" for a time input. */
const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

function StandingForm({
  initial,
  action,
  resolution,
  defaults,
  reach,
  onDone,
}: {
  /** What a suggestion fills in. */
  initial: Pick<Extract<Prefill, { kind: "standing" }>, "activity" | "days" | "from" | "to"> | null;
  action: FormAction;
  resolution: Resolution;
  defaults: Pick<PlanOptions, "travelKm" | "audience">;
  reach?: Reach;
  /** `saved`: what to announce once it was saved; null when closed without saving. */
  onDone: (saved: string | null) => void;
}) {
  const [state, formAction, pending] = useActionState(
    followedBy(action, (result) => {
      if (result.ok) onDone(result.message ?? "Saved.");
    }),
    initialFormState,
  );
  const suggested = initial && !(PRESET_ACTIVITIES as readonly string[]).includes(initial.activity);
  const [preset, setPreset] = useState(initial ? (suggested ? "other" : initial.activity) : FIRST_ACTIVITY);
  const [custom, setCustom] = useState(suggested ? initial.activity : "");
  const [days, setDays] = useState<number[]>(initial?.days ?? []);
  const { area, locate } = useArea(resolution);
  const timeZone = useBrowserZone();
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>("input[type=radio]:checked")?.focus();
  }, []);
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  const activity = preset === "other" ? custom : preset;
  const ready = area.status === "ready" && activity.trim() !== "";
  return (
    <form
      ref={form}
      action={formAction}
      onSubmit={keepFields(formAction)}
      onKeyDown={(event) => {
        if (event.key === "Escape" && !pending) onDone(null);
      }}
      noValidate
      aria-label="Add a standing plan"
      className="flex flex-col gap-6 rounded-xl border border-stone-200 bg-stone-50 p-4"
    >
      <FormAlert message={state.ok ? undefined : state.message} />
      <ActivityField errors={errors} idPrefix="standing" preset={preset} onPreset={setPreset} custom={custom} onCustom={setCustom} />
      <fieldset className={fieldset} aria-describedby={errors.days ? "standing-days-error" : undefined}>
        <legend className={legend}>Every week on</legend>
        <div className="mt-2 flex flex-wrap gap-2">
          {WEEK_ORDER.map((day) => (
            <label key={day} className={chip}>
              <input
                type="checkbox"
                checked={days.includes(day)}
                onChange={(event) => setDays((before) => (event.target.checked ? [...before, day] : before.filter((other) => other !== day)))}
                className="sr-only"
                aria-label={DAY_NAMES[day]}
              />
              <span aria-hidden="true">{DAY_NAMES[day].slice(0, 3)}</span>
            </label>
          ))}
        </div>
        <input type="hidden" name="days" value={days.join(",")} />
        <FieldError id="standing-days-error" message={errors.days?.[0]} />
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField name="from" label="From" type="time" defaultValue={values.from ?? clock(initial?.from ?? 7 * 60)} errors={errors.from} />
        <TextField name="to" label="Until" type="time" defaultValue={values.to ?? clock(initial?.to ?? 10 * 60)} errors={errors.to} />
        <TextField name="lastOn" label="Last day (optional)" type="date" defaultValue={values.lastOn ?? ""} errors={errors.lastOn} />
      </div>
      <input type="hidden" name="timeZone" value={timeZone} />
      <AreaField errors={errors} resolution={resolution} area={area} locate={locate} standing />
      <ReachFields idPrefix="standing" initial={defaults} reach={reach} />
      <p className="text-sm text-stone-600">
        Each week’s plan appears under Your plans a day before it starts and is matched like one you posted; friends it matches are told you’re usually up for
        it then. Skip a week by cancelling that plan.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" pending={pending} disabled={!ready}>
          {pending ? "Saving…" : "Save standing plan"}
        </Button>
        <Button type="button" variant="ghost" onClick={() => onDone(null)}>
          Not now
        </Button>
      </div>
    </form>
  );
}
