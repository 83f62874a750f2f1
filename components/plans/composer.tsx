"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { keepFields } from "@/components/ui/keep-fields";
import { precisionOf, type Resolution } from "@/lib/geo";
import { followedBy, initialFormState, type FormAction } from "@/lib/validation/form";
import { ACTIVITY_MAX, PRESET_ACTIVITIES } from "@/lib/validation/plans";
import type { PlanOptions, PostedPlan, Reach } from "@/lib/views/plans";
import { FieldError } from "@/components/ui/field-error";
import { chip, fieldset, legend, OptionFields, WindowFields } from "./plan-fields";
import { usePlans } from "./plans";
import { useArea } from "./use-area";

const FIRST_ACTIVITY: string = PRESET_ACTIVITIES[0];

/**
 * A random UUID (v4) naming one post attempt. `crypto.getRandomValues`, unlike `randomUUID`, also
 * works on a page served over plain http (e.g. the dev server opened from a phone on the LAN).
 */
function newPostKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UNREACHABLE =
  "We couldn’t reach Overlap, so we can’t tell whether your plan was posted. Check your connection and press Post again — it will be posted only once.";

/**
 * The post, with a lost answer (offline, connection reset, server restarting) told in the form
 * instead of failing the page: the form keeps what was typed and its key, so posting again is safe.
 */
function answeredEvenOffline(action: FormAction<PostedPlan>): FormAction<PostedPlan> {
  return async (previous, formData) => {
    try {
      return await action(previous, formData);
    } catch {
      return { ok: false, message: UNREACHABLE };
    }
  };
}

type Props = {
  action: FormAction<PostedPlan>;
  resolution: Resolution;
  defaults: Omit<PlanOptions, "note" | "shareNote" | "groupMin" | "groupMax">;
  /** The key of the first post from this page, made by the server (the same in its HTML and in the browser). */
  firstPostKey: string;
  /** Who a plan can reach: the composer says so when the chosen audience has nobody in it. */
  reach?: Reach;
};

/** Compose a plan: what, when, where (a coarse area snapped in the browser at the user's precision), how far, for whom. */
export function Composer({ action, resolution, defaults, firstPostKey, reach }: Props) {
  const { add } = usePlans();
  const [state, formAction, pending] = useActionState(
    followedBy(answeredEvenOffline(action), (result) => {
      if (result.ok && result.data) add(result.data);
    }),
    initialFormState,
  );
  const [preset, setPreset] = useState<string>(FIRST_ACTIVITY);
  const [custom, setCustom] = useState("");
  // The form is drawn afresh (emptied, the activity back to the first) in the same render as the
  // answer of a post that went through; a refused post keeps what was typed.
  const [posted, setPosted] = useState("none");
  // One key per plan: a post sent again (its answer lost to the network) carries the same key and
  // stores one plan; the next plan gets a new key once a post went through.
  const [postKey, setPostKey] = useState(firstPostKey);
  if (state.ok && state.data && state.data.plan.id !== posted) {
    setPosted(state.data.plan.id);
    setPostKey(newPostKey());
    setPreset(FIRST_ACTIVITY);
    setCustom("");
  }
  const { area, locate } = useArea(resolution);
  const precision = precisionOf(resolution);
  const errors = state.fieldErrors ?? {};
  const activity = preset === "other" ? custom : preset;
  const ready = area.status === "ready" && activity.trim() !== "";

  return (
    <form action={formAction} onSubmit={keepFields(formAction)} noValidate className="flex flex-col gap-6" key={posted}>
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
              aria-describedby="custom-activity-hint"
            />
            <p id="custom-activity-hint" className="text-sm text-stone-600">
              Up to {ACTIVITY_MAX} characters ({ACTIVITY_MAX - custom.length} left).
            </p>
          </div>
        )}
        <input type="hidden" name="activity" value={activity} />
        <FieldError id="activity-error" message={errors.activity?.[0]} />
      </fieldset>

      <WindowFields errors={errors} idPrefix="compose" />

      <fieldset className={fieldset}>
        <legend className={legend}>Where</legend>
        <p className="text-sm text-stone-600">
          Your phone turns its position into a {precision.name.toLowerCase()}-sized area — {precision.area} — before anything is sent. Friends only ever hear
          “in your area”.{" "}
          <Link href="/settings/privacy#precision" className="font-medium text-brand-800 underline underline-offset-2">
            Change precision
          </Link>
        </p>
        {area.status === "ready" ? (
          <p role="status" className="flex items-center gap-2 rounded-lg bg-brand-50 px-3 py-2 text-sm font-medium text-brand-900">
            <span aria-hidden="true">✓</span> We’ll share an area of {precision.area} around you — never your exact position.
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
        <input type="hidden" name="postKey" value={postKey} />
        <FieldError id="cell-error" message={errors.cell?.[0]} />
      </fieldset>

      <OptionFields errors={errors} idPrefix="compose" initial={{ ...defaults, note: null, shareNote: false, groupMin: null, groupMax: null }} reach={reach} />

      <div className="flex flex-col gap-2">
        <Button type="submit" pending={pending} disabled={!ready} aria-describedby={ready ? undefined : "post-hint"}>
          {pending ? "Posting…" : "Post"}
        </Button>
        {!ready && (
          <p id="post-hint" className="text-sm text-stone-600">
            {area.status === "ready" ? "Write what you’d like to do to post it." : "Share your area (under Where) to post."}
          </p>
        )}
      </div>
    </form>
  );
}
