"use client";

import { useFormAction } from "@/components/ui/form-action";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { initialFormState, type FormAction } from "@/lib/validation/form";

type Slots = { errors: Record<string, string[] | undefined> };
type Values = [name: string, value: string][];

/**
 * Single choices that save as soon as one is picked: no Save button, a visible "Saved." and an Undo
 * that puts back what was stored before. A refused save puts the stored choice back on screen, with
 * the error beside it. Arrow keys in a radio group pick as they move, so a change waits a moment for
 * the next one before it is sent. Without JavaScript the form has an ordinary Save button.
 */
export function AutoSaveForm({ action, children }: { action: FormAction; children: (slots: Slots) => ReactNode }) {
  const [state, formAction, pending] = useFormAction(action, { failed: "Couldn’t save" });
  const form = useRef<HTMLFormElement>(null);
  const stored = useRef<Values>([]);
  const sent = useRef<Values>([]);
  const before = useRef<Values>([]);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const [undo, setUndo] = useState<Values | null>(null);
  const [answered, setAnswered] = useState(false);

  useEffect(() => {
    if (form.current) stored.current = valuesOf(form.current);
    return () => clearTimeout(timer.current);
  }, []);

  useEffect(() => {
    if (state === initialFormState || !form.current) return;
    setAnswered(true);
    if (state.ok) {
      const previous = stored.current;
      stored.current = sent.current;
      setUndo(same(previous, sent.current) ? null : previous);
    } else {
      setChoices(form.current, stored.current);
      setUndo(null);
    }
  }, [state]);

  function send() {
    if (!form.current) return;
    before.current = stored.current;
    sent.current = valuesOf(form.current);
    if (same(sent.current, stored.current)) return;
    setAnswered(false);
    form.current.requestSubmit();
  }

  function onChange() {
    clearTimeout(timer.current);
    timer.current = setTimeout(send, 300);
  }

  function onUndo() {
    if (!form.current || !undo) return;
    setChoices(form.current, undo);
    send();
  }

  const message = pending ? "Saving…" : answered ? state.message : "";
  return (
    <form ref={form} action={formAction} onChange={onChange} noValidate className="flex flex-col gap-5">
      {children({ errors: state.fieldErrors ?? {} })}
      <div className="flex min-h-10 flex-wrap items-center gap-3">
        <noscript>
          <Button type="submit">Save</Button>
        </noscript>
        <p role="status" aria-live="polite" className={`text-sm ${state.ok || pending ? "font-medium text-brand-800" : "text-red-700"}`}>
          {message}
        </p>
        {!pending && answered && state.ok && undo && (
          <Button type="button" variant="secondary" className="min-h-10 px-3 text-sm" onClick={onUndo}>
            Undo
          </Button>
        )}
      </div>
    </form>
  );
}

function valuesOf(form: HTMLFormElement): Values {
  return [...new FormData(form).entries()].filter(([name]) => !name.startsWith("$")).map(([name, value]) => [name, String(value)]);
}

function same(a: Values, b: Values) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function setChoices(form: HTMLFormElement, values: Values) {
  for (const [name, value] of values) {
    const field = form.elements.namedItem(name);
    if (field instanceof RadioNodeList) field.value = value;
  }
}
