"use client";

import { useFormAction } from "@/components/ui/form-action";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { FormAlert } from "@/components/ui/form-alert";
import { keepFields } from "@/components/ui/keep-fields";
import { TextField } from "@/components/ui/text-field";
import type { Resolution } from "@/lib/geo/precision";
import { DAY_NAMES, WEEK_ORDER } from "@/lib/standing-times";
import { followedBy, type FormAction } from "@/lib/validation/form";
import { PRESET_ACTIVITIES } from "@/lib/validation/plan-limits";
import type { PlanOptions, Reach, StandingPlanView } from "@/lib/views/plans";
import { AreaField } from "./area-field";
import { rememberArea } from "./habit-store";
import { ActivityField, chip, fieldset, legend, ReachFields } from "./plan-fields";
import { usePlans } from "./plans";
import type { Prefill } from "./prefill";
import { useArea } from "./use-area";

// The standing-plan form: adding one (what, days and hours, the area chosen once, how far, for whom),
// or editing one (its days, hours, last day, distance and audience; the activity and area stay).

const noSubscription = () => () => {};

/** The browser's own time zone (empty while rendered on the server, which does not know it). */
export function useBrowserZone(): string {
  return useSyncExternalStore(
    noSubscription,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => "",
  );
}

const FIRST_ACTIVITY: string = PRESET_ACTIVITIES[0];

/** "07:30" for a time input. */
const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

export function StandingForm({
  editing,
  initial,
  action,
  resolution,
  defaults,
  reach,
  onDone,
}: {
  /** The standing plan being edited (its activity and area stay); none when adding one. */
  editing?: StandingPlanView;
  /** What a suggestion fills in. */
  initial: Pick<Extract<Prefill, { kind: "standing" }>, "activity" | "days" | "from" | "to"> | null;
  action: FormAction;
  resolution: Resolution;
  defaults: Pick<PlanOptions, "travelKm" | "audience">;
  reach?: Reach;
  /** `saved`: what to announce once it was saved; null when closed without saving. */
  onDone: (saved: string | null) => void;
}) {
  const { owner } = usePlans();
  const [state, formAction, pending] = useFormAction(
    followedBy(action, (result, formData) => {
      if (!result.ok) return;
      // A new standing plan's area is this device's usual area from now on (an edit sends none).
      void rememberArea(owner, formData.get("cell"));
      onDone(result.message ?? "Saved.");
    }),
    { failed: "Couldn’t save the standing plan" },
  );
  const suggested = initial && !(PRESET_ACTIVITIES as readonly string[]).includes(initial.activity);
  const [preset, setPreset] = useState(initial ? (suggested ? "other" : initial.activity) : FIRST_ACTIVITY);
  const [custom, setCustom] = useState(suggested ? initial.activity : "");
  const [days, setDays] = useState<number[]>(editing?.days ?? initial?.days ?? []);
  const where = useArea(resolution);
  const browserZone = useBrowserZone();
  // An edit keeps the plan's own zone: its hours stay the hours it was set in.
  const timeZone = editing?.timeZone ?? browserZone;
  const hours = editing ? { from: editing.startMinute, to: editing.endMinute } : initial;
  const form = useRef<HTMLFormElement>(null);
  // Each form's own ids: an edit form and the add form can be open at once.
  const prefix = editing ? `standing-${editing.id}` : "standing";
  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>("input[type=radio]:checked, input[type=checkbox]")?.focus();
  }, []);
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  const activity = preset === "other" ? custom : preset;
  const ready = editing !== undefined || (where.area.status === "ready" && activity.trim() !== "");
  return (
    <form
      ref={form}
      action={formAction}
      onSubmit={keepFields(formAction)}
      onKeyDown={(event) => {
        if (event.key === "Escape" && !pending) onDone(null);
      }}
      noValidate
      aria-label={editing ? `Edit standing ${editing.activity}` : "Add a standing plan"}
      className="flex flex-col gap-6 rounded-xl border border-stone-200 bg-stone-50 p-4"
    >
      <FormAlert message={state.ok ? undefined : state.message} />
      {editing ? (
        <>
          <input type="hidden" name="standingId" value={editing.id} />
          <p className="font-medium capitalize">{editing.activity}</p>
        </>
      ) : (
        <ActivityField errors={errors} idPrefix={prefix} preset={preset} onPreset={setPreset} custom={custom} onCustom={setCustom} />
      )}
      <fieldset className={fieldset} aria-describedby={errors.days ? `${prefix}-days-error` : undefined}>
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
        <FieldError id={`${prefix}-days-error`} message={errors.days?.[0]} />
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField id={`${prefix}-from`} name="from" label="From" type="time" defaultValue={values.from ?? clock(hours?.from ?? 7 * 60)} errors={errors.from} />
        <TextField id={`${prefix}-to`} name="to" label="Until" type="time" defaultValue={values.to ?? clock(hours?.to ?? 10 * 60)} errors={errors.to} />
        <TextField
          id={`${prefix}-last-on`}
          name="lastOn"
          label="Last day (optional)"
          type="date"
          defaultValue={values.lastOn ?? editing?.lastOn ?? ""}
          errors={errors.lastOn}
        />
      </div>
      <input type="hidden" name="timeZone" value={timeZone} />
      {!editing && <AreaField errors={errors} resolution={resolution} where={where} standing />}
      <ReachFields idPrefix={prefix} initial={defaults} reach={reach} />
      <p className="text-sm text-stone-600">
        Each week’s plan appears under Your plans a day before it starts and is matched like one you posted; friends it matches are told you’re usually up for
        it then. Skip a week by cancelling that plan.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" pending={pending} disabled={!ready}>
          {pending ? "Saving…" : editing ? "Save changes" : "Save standing plan"}
        </Button>
        <Button type="button" variant="ghost" onClick={() => onDone(null)}>
          Not now
        </Button>
      </div>
    </form>
  );
}
