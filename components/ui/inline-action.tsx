"use client";

import { useFormAction } from "@/components/ui/form-action";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { useFocusBack } from "@/components/ui/focus-back";
import { InlineError } from "@/components/ui/inline-error";
import { useNotice } from "@/components/ui/notice";
import { followedBy, type FormAction } from "@/lib/validation/form";

type Props = {
  action: FormAction;
  /** Hidden fields naming what the action is about (ids). */
  fields: Record<string, string>;
  label: string;
  /** Accessible name when the visible label is ambiguous in a list ("Remove Alex"). */
  ariaLabel?: string;
  variant?: "primary" | "secondary" | "ghost" | "danger";
  /** When set, the first click asks this question before anything is sent. */
  confirm?: string;
  /** Said in the enclosing NoticeArea once the action went through (its row is then usually gone). */
  done?: string;
};

const size = "min-h-10 px-3 text-sm";

function useAction(action: FormAction, done?: string) {
  const announce = useNotice();
  // Announced from the action's answer: by the time it renders, the row may be gone with this form.
  return useFormAction(
    done
      ? followedBy(action, (result) => {
          if (result.ok) announce(done);
        })
      : action,
  );
}

function Hidden({ fields }: { fields: Record<string, string> }) {
  return Object.entries(fields).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);
}

/**
 * One button that runs a server action about one thing, with pending state and an inline error.
 * While it asks its question the form carries `data-asking` (see ROW_ACTIONS).
 */
export function InlineAction(props: Props) {
  const [asking, setAsking] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  // Keep keyboard focus where the user is: back on the trigger when the question closes.
  useFocusBack(asking, trigger);
  const { action, fields, label, ariaLabel, variant = "secondary", confirm, done } = props;
  // In a list a destructive action is a quiet button; its "Yes" is the red one.
  const buttonVariant = variant === "danger" ? "danger-secondary" : variant;

  if (!confirm) return <PlainAction {...props} />;
  if (asking) return <ConfirmAction {...{ action, fields, label, ariaLabel, variant, confirm, done }} onNo={() => setAsking(false)} />;
  return (
    <Button ref={trigger} type="button" variant={buttonVariant} className={size} aria-label={ariaLabel} onClick={() => setAsking(true)}>
      {label}
    </Button>
  );
}

function PlainAction({ action, fields, label, ariaLabel, variant = "secondary", done }: Props) {
  const [state, formAction, pending] = useAction(action, done);
  return (
    <form action={formAction} className="inline-flex flex-col items-start gap-1">
      <Hidden fields={fields} />
      <Button type="submit" variant={variant === "danger" ? "danger-secondary" : variant} pending={pending} className={size} aria-label={ariaLabel}>
        {label}
      </Button>
      <InlineError state={state} />
    </form>
  );
}

/**
 * The question an action asks before it is sent ("Remove Caro? … Yes, remove / No"), opened by an
 * InlineAction's button or a menu's item. Focus starts on "No"; No or Escape calls `onNo`, and the
 * opener puts focus back on what opened it.
 */
export function ConfirmAction({
  action,
  fields,
  label,
  ariaLabel,
  variant = "secondary",
  confirm,
  done,
  onNo,
  className = "",
}: Props & { confirm: string; onNo: () => void; className?: string }) {
  const [state, formAction, pending] = useAction(action, done);
  const no = useRef<HTMLButtonElement>(null);
  useEffect(() => no.current?.focus(), []);
  return (
    <form action={formAction} className={`inline-flex flex-col items-start gap-1 ${className}`} data-asking>
      <Hidden fields={fields} />
      <div
        role="group"
        aria-label={confirm}
        className="flex max-w-md flex-col gap-2 rounded-lg border border-stone-200 bg-stone-50 p-3"
        onKeyDown={(event) => {
          if (event.key === "Escape" && !pending) onNo();
        }}
      >
        <p className="text-sm text-stone-700">{confirm}</p>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" variant={variant} pending={pending} className={size} aria-label={`Yes, ${ariaLabel ?? label}`}>
            Yes, {label.toLowerCase()}
          </Button>
          <Button ref={no} type="button" variant="ghost" className={size} disabled={pending} onClick={onNo}>
            No
          </Button>
        </div>
      </div>
      <InlineError state={state} />
    </form>
  );
}
