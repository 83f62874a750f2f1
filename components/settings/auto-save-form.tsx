"use client";

import { useFormAction } from "@/components/ui/form-action";
import { keepFields } from "@/components/ui/keep-fields";
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { initialFormState, type FormAction } from "@/lib/validation/form";

type Slots = { errors: Record<string, string[] | undefined> };
type Values = [name: string, value: string][];

/**
 * Single choices that save as soon as one is picked — by a click, a tap or Space: no Save button, a
 * visible "Saved." and an Undo that puts back what was stored before. Arrow keys in a radio group
 * pick as they move, so a choice reached by them waits for Enter (Escape puts the stored one back):
 * a stray key must not shorten what is kept or make an area finer. One save is under way at a time;
 * a choice made meanwhile is sent after it. A refused or lost save puts the stored choice back on
 * screen, with the error beside it. React's reset after an action is skipped (keepFields): it would
 * put back the choices the page was drawn with, undoing one picked while a save was under way.
 */
export function AutoSaveForm({ action, children }: { action: FormAction; children: (slots: Slots) => ReactNode }) {
  const [state, formAction, pending] = useFormAction(action, { failed: "Couldn’t save" });
  const form = useRef<HTMLFormElement>(null);
  const stored = useRef<Values>([]);
  const sent = useRef<Values>([]);
  const inFlight = useRef(false);
  const again = useRef(false);
  const byArrows = useRef(false);
  const [waiting, setWaiting] = useState(false);
  const [undo, setUndo] = useState<Values | null>(null);
  const [answered, setAnswered] = useState(false);

  useEffect(() => {
    if (form.current) stored.current = valuesOf(form.current);
  }, []);

  useEffect(() => {
    if (state === initialFormState || !form.current) return;
    inFlight.current = false;
    setAnswered(true);
    if (state.ok) {
      const previous = stored.current;
      stored.current = sent.current;
      setUndo(same(previous, sent.current) ? null : previous);
    } else {
      setChoices(form.current, stored.current);
      setUndo(null);
      again.current = false;
    }
    if (again.current) {
      again.current = false;
      send();
    }
  }, [state]);

  function send() {
    if (!form.current) return;
    setWaiting(false);
    if (inFlight.current) {
      again.current = true;
      return;
    }
    const values = valuesOf(form.current);
    if (same(values, stored.current)) return;
    sent.current = values;
    inFlight.current = true;
    setAnswered(false);
    form.current.requestSubmit();
  }

  function onChange() {
    if (byArrows.current) setWaiting(true);
    else send();
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (/^(Arrow|Home$|End$)/.test(event.key)) {
      byArrows.current = true;
      return;
    }
    byArrows.current = false;
    if (event.key === "Enter") {
      event.preventDefault();
      send();
    } else if (event.key === "Escape" && waiting && form.current) {
      setChoices(form.current, stored.current);
      setWaiting(false);
    }
  }

  function onUndo() {
    if (!form.current || !undo) return;
    setChoices(form.current, undo);
    send();
  }

  const message = pending
    ? "Saving…"
    : waiting
      ? "Not saved yet: press Enter to save this choice, or Escape to keep the saved one."
      : answered
        ? state.message
        : "";
  const tone = pending || (!waiting && state.ok) ? "font-medium text-brand-800" : waiting ? "font-medium text-amber-800" : "text-red-700";
  return (
    <form
      ref={form}
      action={formAction}
      onSubmit={keepFields(formAction)}
      onChange={onChange}
      onKeyDown={onKeyDown}
      onPointerDown={() => (byArrows.current = false)}
      noValidate
      className="flex flex-col gap-5"
    >
      {children({ errors: state.fieldErrors ?? {} })}
      <div className="flex min-h-10 flex-wrap items-center gap-3">
        <p role="status" aria-live="polite" className={`text-sm ${tone}`}>
          {message}
        </p>
        {!pending && !waiting && answered && state.ok && undo && (
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
