"use client";

import { startTransition, type FormEvent } from "react";

/**
 * An onSubmit handler that sends the form to its action without React's reset afterwards. React
 * resets a form once its action has run, which puts selects and controlled radios back to the
 * values they were first drawn with — on a refused plan, what the person chose would be lost or,
 * worse, shown differently from what the form holds. The form keeps `action` too, for a submit
 * before the page's script has loaded.
 */
export function keepFields(formAction: (data: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget, submitter);
    startTransition(() => formAction(data));
  };
}
