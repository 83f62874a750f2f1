import { PauseControl } from "@/components/settings/pause-control";
import type { FormAction } from "@/lib/validation/form";

/** Ghost mode from the plans page: "Pause sharing" opens the same choices as the settings page. */
export function PauseShortcut({ pauseAction, resumeAction }: { pauseAction: FormAction; resumeAction: FormAction }) {
  return (
    <details className="group mt-3">
      <summary className="inline-flex min-h-10 cursor-pointer list-none items-center gap-2 rounded-full border border-stone-300 bg-white px-3 text-sm font-medium text-stone-800 hover:bg-stone-100 [&::-webkit-details-marker]:hidden">
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          <path d="M10 5v14M14 5v14" />
        </svg>
        Pause sharing
        <span aria-hidden="true" className="text-stone-500 transition-transform group-open:rotate-180">
          ▾
        </span>
      </summary>
      <div className="mt-3 rounded-2xl border border-stone-200 bg-white p-4 shadow-sm">
        <PauseControl pausedUntil={null} indefinite={false} pauseAction={pauseAction} resumeAction={resumeAction} />
      </div>
    </details>
  );
}
