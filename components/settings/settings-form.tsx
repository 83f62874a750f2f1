"use client";

import { useFormAction } from "@/components/ui/form-action";
import { Fragment, useEffect, useRef, useState, type FormEvent, type ReactNode, type RefObject } from "react";
import { Button } from "@/components/ui/button";
import { keepFields } from "@/components/ui/keep-fields";
import { useLeaveGuard } from "@/components/ui/leave-guard";
import { type FormAction } from "@/lib/validation/form";

type Slots = { errors: Record<string, string[] | undefined> };

/**
 * One card's settings, saved together with one button; "Saved." or the error is announced beside it.
 * What was chosen stays on screen after a refused save (keepFields); after one that went through,
 * the fields show what is stored (the server may have tidied it: "Padel, padel" → "padel"). A page
 * can hold several of these, each saving only its own card: a card whose fields differ from what is
 * stored says so, and leaving the page then asks first — a change would otherwise look kept until
 * the next visit.
 */
export function SettingsForm({ action, label = "Save", children }: { action: FormAction; label?: string; children: (slots: Slots) => ReactNode }) {
  const [state, formAction, pending] = useFormAction(action, { failed: "Couldn’t save" });
  const form = useRef<HTMLFormElement>(null);
  // The fields as stored: as the page drew them, until a save goes through.
  const stored = useRef<string | null>(null);
  const sent = useRef("");
  const [unsaved, setUnsaved] = useState(false);
  // The answer's message stands until the next change.
  const [changedSinceAnswer, setChangedSinceAnswer] = useState(false);
  const submit = keepFields(formAction);
  useLeaveGuard(unsaved);

  // Bumped to draw the fields again from what the server now holds (it may have tidied what was sent).
  const [drawn, setDrawn] = useState(0);
  // Where keyboard focus was when the save was sent: the Save button is disabled while it is under
  // way and the fields are drawn anew after it, and either drops focus to the top of the page.
  const focusedAtSave = useRef<string | null>(null);

  useEffect(() => {
    const target = form.current;
    if (!target) return;
    if (state.ok && fieldsOf(target) === sent.current) {
      stored.current = null; // taken again from the fields as drawn anew
      setDrawn((n) => n + 1);
      return;
    }
    if (state.ok) stored.current = sent.current;
    // Changed while the save was under way, or refused: still not stored.
    setUnsaved(differs(target, stored));
    restoreFocus(target, focusedAtSave.current);
  }, [state]);
  useEffect(() => {
    if (!form.current) return;
    setUnsaved(differs(form.current, stored));
    restoreFocus(form.current, focusedAtSave.current);
  }, [drawn]);

  function onChange(event: FormEvent<HTMLFormElement>) {
    setUnsaved(differs(event.currentTarget, stored));
    setChangedSinceAnswer(true);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    sent.current = fieldsOf(event.currentTarget);
    focusedAtSave.current = focusKey(document.activeElement, event.currentTarget);
    setChangedSinceAnswer(false);
    submit(event);
  }

  const answer = !changedSinceAnswer && state.message;
  const status = pending ? "" : answer || (unsaved ? "Not saved yet." : "");
  const tone = answer ? (state.ok ? "font-medium text-brand-800" : "text-red-700") : "font-medium text-amber-800";
  return (
    <form ref={form} action={formAction} onSubmit={onSubmit} onChange={onChange} noValidate className="flex flex-col gap-5">
      <Fragment key={drawn}>{children({ errors: state.fieldErrors ?? {} })}</Fragment>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" pending={pending}>
          {pending ? "Saving…" : label}
        </Button>
        <p role="status" aria-live="polite" className={`text-sm ${tone}`}>
          {status}
        </p>
      </div>
    </form>
  );
}

/** Whether the fields differ from `stored` (taken as the page drew them, if not known yet). */
function differs(form: HTMLFormElement, stored: RefObject<string | null>): boolean {
  stored.current ??= fieldsOf(form, { drawn: true });
  return fieldsOf(form) !== stored.current;
}

/**
 * What the form's visible fields hold (hidden ones are derived from them) — or, with `drawn`, what
 * the page drew them with, which is what is stored.
 */
function fieldsOf(form: HTMLFormElement, { drawn = false } = {}): string {
  return [...form.elements]
    .map((element) => {
      if (element instanceof HTMLInputElement) {
        if (element.type === "hidden") return "";
        if (element.type === "checkbox" || element.type === "radio") return String(drawn ? element.defaultChecked : element.checked);
        return drawn ? element.defaultValue : element.value;
      }
      if (element instanceof HTMLSelectElement) {
        return drawn ? ([...element.options].find((option) => option.defaultSelected) ?? element.options[0])?.value : element.value;
      }
      return element instanceof HTMLTextAreaElement ? (drawn ? element.defaultValue : element.value) : "";
    })
    .join("\u0000");
}

/** A name for the form's element that has focus, that still names it once the fields are drawn anew. */
function focusKey(element: Element | null, form: HTMLFormElement): string | null {
  if (!(element instanceof HTMLElement) || !form.contains(element)) return null;
  if (element instanceof HTMLButtonElement && element.type === "submit") return "button[type=submit]";
  if (element.id) return `#${CSS.escape(element.id)}`;
  const name = element.getAttribute("name");
  if (!name) return null;
  const value =
    element instanceof HTMLInputElement && (element.type === "radio" || element.type === "checkbox") ? `[value="${CSS.escape(element.value)}"]` : "";
  return `[name="${CSS.escape(name)}"]${value}`;
}

/** Puts focus back on what had it when the save was sent, unless it has gone somewhere else since. */
function restoreFocus(form: HTMLFormElement, key: string | null) {
  if (!key || (document.activeElement && document.activeElement !== document.body)) return;
  form.querySelector<HTMLElement>(key)?.focus();
}
