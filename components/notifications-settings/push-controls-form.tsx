"use client";

import { useRef, useState, useSyncExternalStore } from "react";
import { ChoiceGroup } from "@/components/settings/choice-group";
import { SettingsForm } from "@/components/settings/settings-form";
import { FieldError } from "@/components/ui/field-error";
import { DAILY_CAP_CHOICES, type PushControls } from "@/lib/push-rules";
import type { FormAction } from "@/lib/validation/form";
import { ACTIVITY_MAX, PRESET_ACTIVITIES } from "@/lib/validation/plan-limits";
import { MUTED_MAX } from "@/lib/validation/push";

const ON_OFF = [
  { value: "on", label: "On", description: "Matches are pushed to your devices" },
  { value: "off", label: "Off — in app only", description: "Nothing is pushed; everything still appears in the app" },
];
const QUIET = [
  { value: "on", label: "Quiet hours on" },
  { value: "off", label: "No quiet hours" },
];
const CAP_CHOICES = DAILY_CAP_CHOICES.map((n) => ({ value: n, label: n === 1 ? "1 a day" : `${n} a day` }));
const HOURS = Array.from({ length: 24 }, (_, h) => h);
const DEFAULT_QUIET = { start: 22, end: 7 };

const selectClass =
  "min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-base text-stone-900 shadow-sm focus:border-brand-700 focus:ring-2 focus:ring-brand-700/20 focus:outline-none aria-invalid:border-red-600";

function HourSelect({ name, label, current, error }: { name: string; label: string; current: number; error?: string }) {
  const id = `field-${name}`;
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium text-stone-800">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={current}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={selectClass}
      >
        {HOURS.map((h) => (
          <option key={h} value={h}>{`${String(h).padStart(2, "0")}:00`}</option>
        ))}
      </select>
      {error && <FieldError id={`${id}-error`} message={error} />}
    </div>
  );
}

const noChanges = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** All push on/off, quiet hours, a daily cap per friend and muted activities, saved together. */
export function PushControlsForm({ action, current }: { action: FormAction; current: PushControls }) {
  const quietOn = current.quietHoursStart !== null && current.quietHoursEnd !== null;
  const others = current.mutedActivities.filter((a) => !(PRESET_ACTIVITIES as readonly string[]).includes(a));
  const muteBox = useRef<HTMLFieldSetElement>(null);
  // The chips and the free-text field send one comma-separated list, the shape the schema takes. Kept
  // in state (a hidden input's value set by hand would be put back by React's next render).
  const [muted, setMuted] = useState(() => current.mutedActivities.join(","));
  // Quiet hours are kept in the zone of the browser that last saved them (the saved one until this
  // browser's is known).
  const zone = useSyncExternalStore(noChanges, browserZone, () => current.timeZone);

  function combineMuted() {
    const box = muteBox.current;
    if (!box) return;
    const chips = [...box.querySelectorAll<HTMLInputElement>("input[type=checkbox]:checked")].map((input) => input.value);
    const text = box.querySelector<HTMLInputElement>("#field-mutedOther")?.value ?? "";
    setMuted([...chips, text].filter((part) => part.trim()).join(","));
  }

  return (
    <SettingsForm action={action}>
      {({ errors }) => (
        <>
          <ChoiceGroup
            name="pushEnabled"
            legend="All push notifications"
            help="Turn every push off at once; matches still appear in Overlap as usual."
            choices={ON_OFF}
            current={current.pushEnabled ? "on" : "off"}
            error={errors.pushEnabled?.[0]}
          />
          <div className="group/quiet flex flex-col gap-3">
            <ChoiceGroup
              name="quiet"
              legend="Quiet hours"
              help="Nothing is pushed between these hours, in this device’s time zone; what arrives then waits in the app."
              choices={QUIET}
              current={quietOn ? "on" : "off"}
              error={errors.quiet?.[0]}
            />
            {/* The hours are shown only while quiet hours are chosen (CSS follows the radios, also after a save). */}
            <div className="grid max-w-sm grid-cols-2 gap-3 group-has-[[name=quiet][value=off]:checked]/quiet:hidden">
              <HourSelect name="quietHoursStart" label="From" current={current.quietHoursStart ?? DEFAULT_QUIET.start} error={errors.quietHoursStart?.[0]} />
              <HourSelect name="quietHoursEnd" label="Until" current={current.quietHoursEnd ?? DEFAULT_QUIET.end} error={errors.quietHoursEnd?.[0]} />
            </div>
            <input type="hidden" name="timeZone" value={zone} />
          </div>
          <ChoiceGroup
            name="pushDailyCapPerFriend"
            legend="Pushes about the same friend"
            help="At most this many pushes a day about any one friend; further matches with them show up in the app only."
            choices={CAP_CHOICES}
            current={current.pushDailyCapPerFriend}
            error={errors.pushDailyCapPerFriend?.[0]}
          />
          <fieldset
            ref={muteBox}
            className="flex flex-col gap-2"
            onChange={combineMuted}
            aria-describedby={`muted-help${errors.mutedActivities ? " mutedActivities-error" : ""}`}
          >
            <legend className="text-sm font-semibold text-stone-800">Never push about</legend>
            <p id="muted-help" className="text-sm text-stone-600">
              Matches for these activities are never pushed, but still appear in the app.
            </p>
            <div className="mt-1 flex flex-wrap gap-2">
              {PRESET_ACTIVITIES.map((activity) => (
                <label
                  key={activity}
                  className="flex min-h-11 cursor-pointer items-center gap-2 rounded-full border border-stone-300 bg-white px-3.5 text-sm font-medium text-stone-800 hover:border-stone-400 has-checked:border-brand-700 has-checked:bg-brand-50 has-checked:text-brand-900 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-700"
                >
                  <input type="checkbox" value={activity} defaultChecked={current.mutedActivities.includes(activity)} className="accent-brand-700" />
                  {activity}
                </label>
              ))}
            </div>
            <div className="mt-2 flex max-w-md flex-col gap-1.5">
              <label htmlFor="field-mutedOther" className="text-sm font-medium text-stone-800">
                Other activities
              </label>
              <input
                id="field-mutedOther"
                defaultValue={others.join(", ")}
                placeholder="e.g. padel, book club"
                aria-describedby={`field-mutedOther-hint${errors.mutedActivities ? " mutedActivities-error" : ""}`}
                aria-invalid={errors.mutedActivities ? true : undefined}
                className={`${selectClass} placeholder:text-stone-400`}
              />
              <p id="field-mutedOther-hint" className="text-sm text-stone-600">
                Separate them with commas; up to {MUTED_MAX} activities in all, each up to {ACTIVITY_MAX} characters.
              </p>
            </div>
            <input type="hidden" name="mutedActivities" value={muted} />
            <FieldError id="mutedActivities-error" message={errors.mutedActivities?.[0]} />
          </fieldset>
        </>
      )}
    </SettingsForm>
  );
}
