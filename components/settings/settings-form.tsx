"use client";

import { useActionState, useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { keepFields } from "@/components/ui/keep-fields";
import { initialFormState, type FormAction } from "@/lib/validation/form";

type Slots = { errors: Record<string, string[] | undefined> };

/**
 * One card's settings, saved together with one button; "Saved." or the error is announced beside it.
 * What was chosen stays on screen after a save, refused or not (keepFields). A page can hold several
 * of these, each saving only its own card: a card changed but not saved says so, and leaving the page
 * then asks first — a change would otherwise look kept until the next visit.
 */
export function SettingsForm({ action, label = "Save", children }: { action: FormAction; label?: string; children: (slots: Slots) => ReactNode }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const form = useRef<HTMLFormElement>(null);
  const stored = useRef("");
  const sent = useRef("");
  const [unsaved, setUnsaved] = useState(false);
  const submit = keepFields(formAction);

  useEffect(() => {
    if (form.current) stored.current = fieldsOf(form.current);
  }, []);
  useEffect(() => {
    if (state.ok) stored.current = sent.current;
  }, [state]);
  useEffect(() => {
    if (!unsaved) return;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", ask);
    return () => window.removeEventListener("beforeunload", ask);
  }, [unsaved]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    sent.current = fieldsOf(event.currentTarget);
    setUnsaved(false);
    submit(event);
  }

  return (
    <form ref={form} action={formAction} onSubmit={onSubmit} onChange={(event) => setUnsaved(fieldsOf(event.currentTarget) !== stored.current)} noValidate className="flex flex-col gap-5">
      {children({ errors: state.fieldErrors ?? {} })}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" pending={pending}>
          {pending ? "Saving…" : label}
        </Button>
        <p role="status" aria-live="polite" className={`text-sm ${unsaved ? "font-medium text-amber-800" : state.ok ? "font-medium text-brand-800" : "text-red-700"}`}>
          {pending ? "" : unsaved ? "Not saved yet" : state.message}
        </p>
      </div>
    </form>
  );
}

/** What the person has chosen in the form's visible fields (hidden ones are derived from them). */
function fieldsOf(form: HTMLFormElement): string {
  return [...form.elements]
    .map((element) => {
      if (element instanceof HTMLInputElement) {
        if (element.type === "hidden") return "";
        return element.type === "checkbox" || element.type === "radio" ? String(element.checked) : element.value;
      }
      return element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement ? element.value : "";
    })
    .join("\u0000");
}
