"use client";

import { useState } from "react";
import { useFormAction } from "@/components/ui/form-action";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { keepFields } from "@/components/ui/keep-fields";
import type { Resolution } from "@/lib/geo/precision";
import { followedBy, type FormAction } from "@/lib/validation/form";
import { PRESET_ACTIVITIES } from "@/lib/validation/plan-limits";
import type { PlanOptions, PostedPlan, Reach } from "@/lib/views/plans";
import { AreaField } from "./area-field";
import { ActivityField, OptionFields } from "./plan-fields";
import { WindowFields } from "./window-fields";
import { rememberArea, rememberPlan } from "./habit-store";
import { usePlans } from "./plans";
import { usePrefill } from "./prefill";
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

const unreachable = (where: string) =>
  `Couldn’t post — ${where}, so we can’t tell whether your plan was posted. Check your connection and press Post again — it will be posted only once.`;

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
  const { add, owner } = usePlans();
  // A lost answer (offline, connection reset, server restarting) is told in the form, which keeps
  // what was typed and its key: posting again is safe.
  const [state, formAction, pending] = useFormAction(
    followedBy(action, (result, formData) => {
      if (!result.ok || !result.data) return;
      add(result.data);
      // Kept on this device only, for its suggestions ("You often go around this time").
      const { activity, startsAt, endsAt } = result.data.plan;
      void rememberPlan(owner, { activity, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString() });
      // And its area, offered next time as "Use my usual area".
      void rememberArea(owner, formData.get("cell"));
    }),
    { unreachable },
  );
  const [preset, setPreset] = useState<string>(FIRST_ACTIVITY);
  const [custom, setCustom] = useState("");
  // A suggestion taken ("Surfing now?"): its activity, chosen here (set while rendering, as below).
  const { prefill } = usePrefill();
  const [filled, setFilled] = useState<number | null>(null);
  if (prefill?.kind === "post" && prefill.key !== filled) {
    setFilled(prefill.key);
    const preset = (PRESET_ACTIVITIES as readonly string[]).includes(prefill.activity);
    setPreset(preset ? prefill.activity : "other");
    setCustom(preset ? "" : prefill.activity);
  }
  // The form is drawn afresh (emptied, the activity back to the first) in the same render as the
  // answer of a post that went through; a refused post keeps what was typed.
  const [posted, setPosted] = useState("none");
  // One key per plan: a post sent again (its answer lost to the network) carries the same key and
  // stores one plan; the next plan gets a new key once a post went through.
  const [postKey, setPostKey] = useState(firstPostKey);
  // After a post, the form folds away to "+ Post another" (the plan is in the list above).
  const [folded, setFolded] = useState(false);
  if (state.ok && state.data && state.data.plan.id !== posted) {
    setPosted(state.data.plan.id);
    setFolded(true);
    setPostKey(newPostKey());
    setPreset(FIRST_ACTIVITY);
    setCustom("");
  }
  const where = useArea(resolution);
  const errors = state.fieldErrors ?? {};
  const activity = preset === "other" ? custom : preset;
  const ready = where.area.status === "ready" && activity.trim() !== "";

  if (folded) {
    return (
      <div className="flex flex-col items-start gap-3">
        <FormAlert tone="info" message={state.message} />
        {/* Focus moves here from the Post button, which went with the form. */}
        <Button
          autoFocus
          type="button"
          variant="secondary"
          onClick={() => {
            setFolded(false);
            // Keyboard focus goes to the form's first choice.
            requestAnimationFrame(() => document.querySelector<HTMLInputElement>('input[name="compose-activity-choice"]:checked')?.focus());
          }}
        >
          <span aria-hidden="true">+</span> Post another
        </Button>
      </div>
    );
  }
  return (
    <form action={formAction} onSubmit={keepFields(formAction)} noValidate className="flex flex-col gap-6" key={posted}>
      {state.ok ? <FormAlert tone="info" message={state.message} /> : <FormAlert message={state.message} />}

      <ActivityField errors={errors} idPrefix="compose" preset={preset} onPreset={setPreset} custom={custom} onCustom={setCustom} />

      <WindowFields errors={errors} idPrefix="compose" />

      <AreaField errors={errors} resolution={resolution} where={where}>
        <input type="hidden" name="postKey" value={postKey} />
      </AreaField>

      <OptionFields errors={errors} idPrefix="compose" initial={{ ...defaults, note: null, shareNote: false, groupMin: null, groupMax: null }} reach={reach} />

      <div className="flex flex-col gap-2">
        <Button type="submit" pending={pending} disabled={!ready} aria-describedby={ready ? undefined : "post-hint"}>
          {pending ? "Posting…" : "Post"}
        </Button>
        {!ready && (
          <p id="post-hint" className="text-sm text-stone-600">
            {where.area.status === "ready" ? "Write what you’d like to do to post it." : "Choose your area (under Where) to post."}
          </p>
        )}
      </div>
    </form>
  );
}
