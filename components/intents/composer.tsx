"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { DEFAULT_RESOLUTION, precisionOf } from "@/lib/geo";
import { initialFormState, type FormAction } from "@/lib/validation/form";
import { ACTIVITY_MAX, DEFAULT_TRAVEL_KM, NOTE_MAX, PRESET_ACTIVITIES, TRAVEL_KM } from "@/lib/validation/intents";
import { useArea } from "./use-area";

const fieldset = "flex flex-col gap-2";
const legend = "text-sm font-semibold text-stone-800";
const chip =
  "cursor-pointer rounded-full border px-3 py-1.5 text-sm font-medium has-checked:border-brand-700 has-checked:bg-brand-700 has-checked:text-white has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-700 border-stone-300 bg-white text-stone-800 hover:border-stone-400";

function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="text-sm font-medium text-red-700">
      {message}
    </p>
  );
}

/** Compose an intent: what, when, where (a coarse area snapped in the browser), how far, for whom. */
export function Composer({ action }: { action: FormAction }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const [preset, setPreset] = useState<string>("surfing");
  const [custom, setCustom] = useState("");
  const [when, setWhen] = useState<"now" | "later">("now");
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const { area, locate } = useArea(DEFAULT_RESOLUTION);
  const errors = state.fieldErrors ?? {};
  const activity = preset === "other" ? custom : preset;
  const toIso = (local: string) => (local ? new Date(local).toISOString() : "");

  return (
    <form action={formAction} noValidate className="flex flex-col gap-6" key={state.ok ? state.message : "compose"}>
      {state.ok ? <FormAlert tone="info" message={state.message} /> : <FormAlert message={state.message} />}

      <fieldset className={fieldset} aria-describedby={errors.activity ? "activity-error" : undefined}>
        <legend className={legend}>I’m up for…</legend>
        <div className="mt-2 flex flex-wrap gap-2">
          {[...PRESET_ACTIVITIES, "other"].map((name) => (
            <label key={name} className={chip}>
              <input type="radio" name="activityChoice" value={name} checked={preset === name} onChange={() => setPreset(name)} className="sr-only" form="" />
              {name === "other" ? "Something else" : name}
            </label>
          ))}
        </div>
        {preset === "other" && (
          <div className="flex flex-col gap-1">
            <label htmlFor="custom-activity" className="text-sm text-stone-700">
              What would you like to do?
            </label>
            <input
              id="custom-activity"
              value={custom}
              maxLength={ACTIVITY_MAX}
              onChange={(event) => setCustom(event.target.value)}
              className="min-h-11 rounded-lg border border-stone-300 px-3"
              placeholder="e.g. kite surfing"
            />
          </div>
        )}
        <input type="hidden" name="activity" value={activity} />
        <FieldError id="activity-error" message={errors.activity?.[0]} />
      </fieldset>

      <fieldset className={fieldset}>
        <legend className={legend}>When</legend>
        <div className="mt-2 flex flex-wrap gap-2">
          <label className={chip}>
            <input type="radio" name="when" value="now" checked={when === "now"} onChange={() => setWhen("now")} className="sr-only" />
            Now (next 2 hours)
          </label>
          <label className={chip}>
            <input type="radio" name="when" value="later" checked={when === "later"} onChange={() => setWhen("later")} className="sr-only" />
            Later
          </label>
        </div>
        {when === "later" && (
          <div className="grid gap-3 sm:grid-cols-2">
            <div className="flex flex-col gap-1">
              <label htmlFor="starts-local" className="text-sm text-stone-700">
                From
              </label>
              <input id="starts-local" type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} className="min-h-11 rounded-lg border border-stone-300 px-3" aria-describedby={errors.startsAt ? "starts-error" : undefined} />
              <FieldError id="starts-error" message={errors.startsAt?.[0]} />
            </div>
            <div className="flex flex-col gap-1">
              <label htmlFor="ends-local" className="text-sm text-stone-700">
                Until
              </label>
              <input id="ends-local" type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} className="min-h-11 rounded-lg border border-stone-300 px-3" aria-describedby={errors.endsAt ? "ends-error" : undefined} />
              <FieldError id="ends-error" message={errors.endsAt?.[0]} />
            </div>
            <input type="hidden" name="startsAt" value={toIso(start)} />
            <input type="hidden" name="endsAt" value={toIso(end)} />
          </div>
        )}
      </fieldset>

      <fieldset className={fieldset}>
        <legend className={legend}>Where</legend>
        <p className="text-sm text-stone-600">
          Your phone turns its position into a {precisionOf(DEFAULT_RESOLUTION).name.toLowerCase()}-sized area — {precisionOf(DEFAULT_RESOLUTION).area} — before anything is sent. Friends only ever hear “in your area”.
        </p>
        {area.status === "ready" ? (
          <p role="status" className="flex items-center gap-2 rounded-lg bg-brand-50 px-3 py-2 text-sm font-medium text-brand-900">
            <span aria-hidden="true">✓</span> We’ll share an area of {precisionOf(DEFAULT_RESOLUTION).area} around you — never your exact position.
          </p>
        ) : (
          <Button type="button" variant="secondary" onClick={locate} pending={area.status === "locating"} className="self-start">
            {area.status === "locating" ? "Finding your area…" : "Share my area"}
          </Button>
        )}
        {area.status === "error" && (
          <p role="alert" className="text-sm font-medium text-red-700">
            {area.message}
          </p>
        )}
        <input type="hidden" name="cell" value={area.status === "ready" ? area.cell : ""} />
        <FieldError id="cell-error" message={errors.cell?.[0]} />
      </fieldset>

      <div className="grid gap-6 sm:grid-cols-2">
        <div className={fieldset}>
          <label htmlFor="travel" className={legend}>
            I’d travel up to
          </label>
          <select id="travel" name="travelKm" defaultValue={String(DEFAULT_TRAVEL_KM)} className="min-h-11 rounded-lg border border-stone-300 bg-white px-3">
            {TRAVEL_KM.map((km) => (
              <option key={km} value={km}>
                {km} km
              </option>
            ))}
          </select>
        </div>
        <fieldset className={fieldset}>
          <legend className={legend}>Who can match</legend>
          <div className="mt-2 flex flex-wrap gap-2">
            <label className={chip}>
              <input type="radio" name="audience" value="close" defaultChecked className="sr-only" />
              Close friends
            </label>
            <label className={chip}>
              <input type="radio" name="audience" value="friends" className="sr-only" />
              All friends
            </label>
          </div>
        </fieldset>
      </div>

      <div className={fieldset}>
        <label htmlFor="note" className={legend}>
          Note <span className="font-normal text-stone-500">(optional)</span>
        </label>
        <input id="note" name="note" maxLength={NOTE_MAX} placeholder="e.g. bringing a spare board" className="min-h-11 rounded-lg border border-stone-300 px-3" aria-describedby={errors.note ? "note-error" : undefined} />
        <FieldError id="note-error" message={errors.note?.[0]} />
      </div>

      <Button type="submit" pending={pending} disabled={area.status !== "ready" || !activity.trim()}>
        {pending ? "Posting…" : "Post"}
      </Button>
    </form>
  );
}
