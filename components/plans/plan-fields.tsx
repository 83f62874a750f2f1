"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import { FieldError } from "@/components/ui/field-error";
import { suggestActivities } from "@/lib/activities";
import { ACTIVITY_MAX, DEFAULT_TRAVEL_KM, GROUP_MAX, GROUP_MIN, NOTE_MAX, PRESET_ACTIVITIES, TRAVEL_KM } from "@/lib/validation/plan-limits";
import type { Audience, PlanOptions, Reach } from "@/lib/views/plans";
import { usePastActivities } from "./past-activities";

// The parts of a plan shared by the composer and the edit form.

export const fieldset = "flex flex-col gap-2";
export const legend = "text-sm font-semibold text-stone-800";
export const chip =
  "cursor-pointer rounded-full border px-3 py-1.5 text-sm font-medium has-checked:border-brand-700 has-checked:bg-brand-700 has-checked:text-white has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-700 border-stone-300 bg-white text-stone-800 hover:border-stone-400";
const input = "min-h-11 rounded-lg border bg-white px-3";
/** A field's look and state: one with an error is marked as such, for eyes and screen readers (as TextField does). */
export const field = (error?: string[]) =>
  error ? { "aria-invalid": true, className: `${input} border-red-600` } : { className: `${input} border-stone-300` };

export type Errors = Record<string, string[] | undefined>;

/**
 * What to do: a preset chip or "Something else" with a text field; sends `activity`. The chips are
 * outside any form (`form=""`: only the hidden field is sent), named per form so two choosers on a
 * page are separate groups.
 */
export function ActivityField({
  errors,
  idPrefix,
  preset,
  onPreset,
  custom,
  onCustom,
}: {
  errors: Errors;
  idPrefix: string;
  preset: string;
  onPreset: (name: string) => void;
  custom: string;
  onCustom: (value: string) => void;
}) {
  const activity = preset === "other" ? custom : preset;
  return (
    <fieldset className={fieldset} aria-describedby={errors.activity ? `${idPrefix}-activity-error` : undefined}>
      <legend className={legend}>I’m up for…</legend>
      <div className="mt-2 flex flex-wrap gap-2">
        {[...PRESET_ACTIVITIES, "other"].map((name) => (
          <label key={name} className={chip}>
            <input
              type="radio"
              name={`${idPrefix}-activity-choice`}
              value={name}
              checked={preset === name}
              onChange={() => onPreset(name)}
              className="sr-only"
              form=""
            />
            {name === "other" ? "Something else" : name}
          </label>
        ))}
      </div>
      {preset === "other" && (
        <div className="flex flex-col gap-1">
          <label htmlFor={`${idPrefix}-custom-activity`} className="text-sm text-stone-700">
            What would you like to do?
          </label>
          <input
            id={`${idPrefix}-custom-activity`}
            value={custom}
            maxLength={ACTIVITY_MAX}
            onChange={(event) => onCustom(event.target.value)}
            className="min-h-11 rounded-lg border border-stone-300 px-3"
            placeholder="e.g. kite surfing"
            aria-describedby={`${idPrefix}-custom-activity-hint`}
          />
          <p id={`${idPrefix}-custom-activity-hint`} className="text-sm text-stone-600">
            Up to {ACTIVITY_MAX} characters ({ACTIVITY_MAX - custom.length} left).
          </p>
        </div>
      )}
      {preset === "other" && (
        <ActivitySuggestions
          typed={custom}
          onPick={(picked) => {
            const isPreset = (PRESET_ACTIVITIES as readonly string[]).includes(picked);
            onPreset(isPreset ? picked : "other");
            onCustom(isPreset ? "" : picked);
            // The pressed suggestion is gone: focus goes to the chosen chip, or the text field.
            requestAnimationFrame(() =>
              (isPreset
                ? document.querySelector<HTMLInputElement>(`input[name="${idPrefix}-activity-choice"]:checked`)
                : document.getElementById(`${idPrefix}-custom-activity`)
              )?.focus(),
            );
          }}
        />
      )}
      <input type="hidden" name="activity" value={activity} />
      <FieldError id={`${idPrefix}-activity-error`} message={errors.activity?.[0]} />
    </fieldset>
  );
}

/** "Did you mean: beach volleyball" — presets and this device's past activities matching what is typed. */
function ActivitySuggestions({ typed, onPick }: { typed: string; onPick: (activity: string) => void }) {
  const suggestions = suggestActivities(typed, [...usePastActivities(), ...PRESET_ACTIVITIES]);
  return (
    <div aria-live="polite">
      {suggestions.length > 0 && (
        <div role="group" aria-label="Suggested activities" className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-stone-600">Did you mean</span>
          {suggestions.map((activity) => (
            <button
              key={activity}
              type="button"
              onClick={() => onPick(activity)}
              className="min-h-9 rounded-full border border-brand-700 bg-brand-50 px-3 font-medium text-brand-800 hover:bg-brand-100"
            >
              {activity}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

/**
 * Who can match (`audience` mirrors the checked radio), and — when `reach` (the owner's friend
 * counts) says the chosen audience has nobody in it — that plainly, with the fix in place.
 */
function AudienceField({ initial, reach }: { initial: Audience; reach?: Reach }) {
  const [audience, setAudience] = useState(initial);
  const allFriends = useRef<HTMLInputElement>(null);
  const nobody = reach && (reach.friends === 0 || (audience === "close" && reach.close === 0));
  return (
    <fieldset className={fieldset}>
      <legend className={legend}>Who can match</legend>
      <div className="mt-2 flex flex-wrap gap-2">
        <label className={chip}>
          <input type="radio" name="audience" value="close" defaultChecked={initial === "close"} onChange={() => setAudience("close")} className="sr-only" />
          Close friends
        </label>
        <label className={chip}>
          <input
            ref={allFriends}
            type="radio"
            name="audience"
            value="friends"
            defaultChecked={initial === "friends"}
            onChange={() => setAudience("friends")}
            className="sr-only"
          />
          All friends
        </label>
      </div>
      <div role="status">
        {nobody && (
          <div className="mt-1 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950">
            {reach.friends === 0 ? (
              <p>
                You have no friends here yet — nobody will hear about this.{" "}
                <Link href="/friends" className="font-medium underline underline-offset-2">
                  Invite a friend
                </Link>
              </p>
            ) : (
              <>
                <p>You haven’t marked anyone close yet — nobody will hear about this.</p>
                <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-2">
                  <button
                    type="button"
                    className="min-h-11 rounded-lg border border-amber-300 bg-white px-3 font-medium text-amber-950 hover:bg-amber-100"
                    onClick={() => {
                      // The radios are uncontrolled (the form holds their value): check this one as a click would.
                      if (allFriends.current) allFriends.current.checked = true;
                      setAudience("friends");
                      allFriends.current?.focus();
                    }}
                  >
                    Share with all {reach.friends === 1 ? "1 friend" : `${reach.friends} friends`} instead
                  </button>
                  <Link href="/friends" className="font-medium underline underline-offset-2">
                    Mark close friends
                  </Link>
                </div>
              </>
            )}
          </div>
        )}
      </div>
    </fieldset>
  );
}

/** How far, and for whom. `reach`: the owner's friend counts, for the audience hint. */
export function ReachFields({ idPrefix, initial, reach }: { idPrefix: string; initial?: Pick<PlanOptions, "travelKm" | "audience">; reach?: Reach }) {
  return (
    <div className="grid gap-6 sm:grid-cols-2">
      <div className={fieldset}>
        <label htmlFor={`${idPrefix}-travel`} className={legend}>
          I’d travel up to
        </label>
        <select id={`${idPrefix}-travel`} name="travelKm" defaultValue={String(initial?.travelKm ?? DEFAULT_TRAVEL_KM)} {...field()}>
          {TRAVEL_KM.map((km) => (
            <option key={km} value={km}>
              {km} km
            </option>
          ))}
        </select>
      </div>
      <AudienceField initial={initial?.audience ?? "close"} reach={reach} />
    </div>
  );
}

/** How far, for whom, a note and a group size. `reach`: the owner's friend counts, for the composer's audience hint. */
export function OptionFields({ errors, idPrefix, initial, reach }: { errors: Errors; idPrefix: string; initial?: PlanOptions; reach?: Reach }) {
  return (
    <>
      <ReachFields idPrefix={idPrefix} initial={initial} reach={reach} />
      <div className={fieldset}>
        <label htmlFor={`${idPrefix}-note`} className={legend}>
          Note <span className="font-normal text-stone-500">(optional)</span>
        </label>
        <input
          id={`${idPrefix}-note`}
          name="note"
          maxLength={NOTE_MAX}
          defaultValue={initial?.note ?? ""}
          placeholder="e.g. bring the spare board"
          {...field(errors.note)}
          aria-describedby={`${idPrefix}-note-hint${errors.note ? ` ${idPrefix}-note-error` : ""}`}
        />
        <p id={`${idPrefix}-note-hint`} className="text-sm text-stone-600">
          Up to {NOTE_MAX} characters. Friends are told who, what, when and “in your area” — your note only if you tick the box below.
        </p>
        <FieldError id={`${idPrefix}-note-error`} message={errors.note?.[0]} />
        <label className="mt-1 flex min-h-11 items-center gap-3 text-stone-800">
          <input type="checkbox" name="shareNote" value="true" defaultChecked={initial?.shareNote ?? false} className="h-5 w-5 accent-brand-700" />
          Show my note to friends I match with
        </label>
        <FieldError id={`${idPrefix}-shareNote-error`} message={errors.shareNote?.[0]} />
      </div>
      <GroupSizeFields errors={errors} idPrefix={idPrefix} initial={initial} />
    </>
  );
}

/** "At least N" and "at most N" people, the owner counted; both optional. */
function GroupSizeFields({ errors, idPrefix, initial }: { errors: Errors; idPrefix: string; initial?: PlanOptions }) {
  const sizes = [
    { name: "groupMin", label: "At least", values: GROUP_MIN, value: initial?.groupMin },
    { name: "groupMax", label: "At most", values: GROUP_MAX, value: initial?.groupMax },
  ] as const;
  return (
    <fieldset className={fieldset} aria-describedby={`${idPrefix}-group-hint`}>
      <legend className={legend}>
        How many people <span className="font-normal text-stone-500">(optional, you included)</span>
      </legend>
      <div className="flex flex-wrap gap-4">
        {sizes.map(({ name, label, values, value }) => (
          <div key={name} className="flex w-40 flex-col gap-1">
            <label htmlFor={`${idPrefix}-${name}`} className="text-sm font-medium text-stone-800">
              {label}
            </label>
            <select
              id={`${idPrefix}-${name}`}
              name={name}
              defaultValue={value ? String(value) : ""}
              {...field(errors[name])}
              aria-describedby={errors[name] ? `${idPrefix}-${name}-error` : undefined}
            >
              <option value="">Any number</option>
              {values.map((n) => (
                <option key={n} value={n}>
                  {n} people
                </option>
              ))}
            </select>
            <FieldError id={`${idPrefix}-${name}-error`} message={errors[name]?.[0]} />
          </div>
        ))}
      </div>
      <p id={`${idPrefix}-group-hint`} className="text-sm text-stone-600">
        “At least”: you hear about it once that many are in. “At most”: no more friends join once it’s full.
      </p>
    </fieldset>
  );
}
