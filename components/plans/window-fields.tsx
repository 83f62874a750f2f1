"use client";

import { useState } from "react";
import { FieldError } from "@/components/ui/field-error";
import { TimeRange, useInBrowser } from "@/components/ui/time-range";
import { SHORTCUT_LABELS, timeShortcuts, type Shortcut, type ShortcutId } from "@/lib/time-shortcuts";
import type { OwnPlanView } from "@/lib/views/plans";
import { chip, field, fieldset, legend, type Errors } from "./plan-fields";

/** The name of a window chosen by hand, the same wherever a plan's times are set. */
export const PICK_TIMES = "Pick times";

type When = "now" | ShortcutId | "pick";

/** `2026-11-26T10:00` in the browser's zone, for a datetime-local input. */
function toLocalInput(date?: Date | string): string {
  if (!date) return "";
  const d = new Date(date);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * When: Now (the next two hours), a shortcut — Tonight, Tomorrow morning, This weekend, worked out in
 * the browser's time zone — or times picked by hand. Every choice but Now is sent as `when=later`
 * with the window's instants, so the server checks them all alike. `initial`: an existing plan's
 * window (the edit form), shown as picked times.
 */
export function WindowFields({ errors, idPrefix, initial }: { errors: Errors; idPrefix: string; initial?: Pick<OwnPlanView, "startsAt" | "endsAt"> }) {
  const [when, setWhen] = useState<When>(initial ? "pick" : "now");
  const [start, setStart] = useState(() => toLocalInput(initial?.startsAt));
  const [end, setEnd] = useState(() => toLocalInput(initial?.endsAt));
  // The shortcuts depend on the browser's clock and zone: worked out in the browser at each render
  // (the server would offer its own); until then every one is shown.
  const shortcuts = useInBrowser() ? current() : null;
  const chosen = shortcuts?.find((shortcut) => shortcut.id === when);
  const offered = (Object.keys(SHORTCUT_LABELS) as ShortcutId[]).filter((id) => !shortcuts || shortcuts.some((shortcut) => shortcut.id === id));

  const toIso = (local: string) => (local ? new Date(local).toISOString() : "");
  const window =
    when === "pick"
      ? { startsAt: toIso(start), endsAt: toIso(end) }
      : chosen
        ? { startsAt: chosen.startsAt.toISOString(), endsAt: chosen.endsAt.toISOString() }
        : null;
  return (
    <fieldset className={fieldset} aria-describedby={chosen ? `${idPrefix}-when-window` : undefined}>
      <legend className={legend}>When</legend>
      <div className="mt-2 flex flex-wrap gap-2">
        {(["now", ...offered, "pick"] as When[]).map((id) => (
          <label key={id} className={chip}>
            <input type="radio" name={`${idPrefix}-when-choice`} form="" checked={when === id} onChange={() => setWhen(id)} className="sr-only" />
            {id === "now" ? "Now (next 2 hours)" : id === "pick" ? PICK_TIMES : SHORTCUT_LABELS[id]}
          </label>
        ))}
      </div>
      <input type="hidden" name="when" value={when === "now" ? "now" : "later"} />
      {chosen && (
        <p id={`${idPrefix}-when-window`} className="text-sm text-stone-700">
          <TimeRange startsAt={chosen.startsAt} endsAt={chosen.endsAt} />
        </p>
      )}
      {when === "pick" && (
        <div className="grid gap-3 sm:grid-cols-2">
          <TimeInput id={`${idPrefix}-starts`} label="From" value={start} onChange={setStart} error={errors.startsAt} />
          <TimeInput id={`${idPrefix}-ends`} label="Until" value={end} onChange={setEnd} error={errors.endsAt} />
        </div>
      )}
      {when !== "pick" && (
        <>
          <FieldError id={`${idPrefix}-starts-error`} message={errors.startsAt?.[0]} />
          <FieldError id={`${idPrefix}-ends-error`} message={errors.endsAt?.[0]} />
        </>
      )}
      {window && (
        <>
          <input type="hidden" name="startsAt" value={window.startsAt} />
          <input type="hidden" name="endsAt" value={window.endsAt} />
        </>
      )}
    </fieldset>
  );
}

function current(): Shortcut[] {
  return timeShortcuts(new Date(), Intl.DateTimeFormat().resolvedOptions().timeZone);
}

function TimeInput({ id, label, value, onChange, error }: { id: string; label: string; value: string; onChange: (value: string) => void; error?: string[] }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm text-stone-700">
        {label}
      </label>
      <input
        id={id}
        type="datetime-local"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        {...field(error)}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <FieldError id={`${id}-error`} message={error?.[0]} />
    </div>
  );
}
