"use client";

import { useFormAction } from "@/components/ui/form-action";

import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { LocalTime } from "@/components/ui/time-range";
import { type FormAction } from "@/lib/validation/form";
import { PAUSE_CHOICES } from "@/lib/validation/setting-choices";
import type { PrivacySettings } from "@/lib/views/settings";

type Props = { pausedUntil: PrivacySettings["pausedUntil"]; indefinite: boolean; pauseAction: FormAction; resumeAction: FormAction };

/** Ghost mode: pause for a while, or until turned back on; resume at any time. */
export function PauseControl({ pausedUntil, indefinite, pauseAction, resumeAction }: Props) {
  const [pauseState, pause, pausing] = useFormAction(pauseAction);
  const [resumeState, resume, resuming] = useFormAction(resumeAction);

  if (pausedUntil) {
    return (
      <form action={resume} className="flex flex-col gap-3">
        <p role="status" className="rounded-lg bg-amber-50 px-3 py-2 text-amber-900">
          Sharing is paused{" "}
          {indefinite ? (
            "until you turn it back on"
          ) : (
            <>
              until <LocalTime inSentence at={pausedUntil} />
            </>
          )}
          . Your plans are not matched and nobody is told about you.
        </p>
        <Button type="submit" pending={resuming} className="self-start">
          Resume sharing
        </Button>
        <InlineError state={resumeState} />
      </form>
    );
  }
  return (
    <form action={pause} className="flex flex-col gap-3">
      <p className="text-stone-600">While paused, your plans are not matched and nobody is told anything about you.</p>
      <div className="flex flex-wrap gap-2">
        {(Object.keys(PAUSE_CHOICES) as (keyof typeof PAUSE_CHOICES)[]).map((duration) => (
          <Button key={duration} type="submit" name="duration" value={duration} variant="secondary" pending={pausing} className="text-sm">
            Pause {PAUSE_CHOICES[duration]}
          </Button>
        ))}
      </div>
      <InlineError state={pauseState} />
    </form>
  );
}
