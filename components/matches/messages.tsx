"use client";

import { useFormAction } from "@/components/ui/form-action";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { TextField } from "@/components/ui/text-field";
import { LocalTime } from "@/components/ui/time-range";
import { followedBy, type FormAction } from "@/lib/validation/form";
import { MESSAGE_MAX, QUICK_REPLIES, SPOT_MAX } from "@/lib/validation/matches";
import type { MatchMessage } from "@/lib/views/matches";

/**
 * A one-field form on a match (a spot, a message): field errors under the field, what was typed kept
 * on an error, emptied once sent. The page refreshes with what was sent.
 */
function useSendForm(action: FormAction) {
  // A new key after each send empties the field (its value is the browser's until then).
  const [sent, setSent] = useState(0);
  const [state, formAction, pending] = useFormAction(
    followedBy(action, (result) => {
      if (result.ok) setSent((n) => n + 1);
    }),
    { failed: "Couldn’t send your message" },
  );
  return { state, formAction, pending, key: sent };
}

/** Propose a meeting spot as a few words — the only way a place more precise than "in your area" is shared. */
/** `seenBy`: who sees it, with the verb ("Ben sees", "Ana and Ben see"). */
export function SpotForm({ matchId, seenBy, action }: { matchId: string; seenBy: string; action: FormAction }) {
  const { state, formAction, pending, key } = useSendForm(action);
  return (
    <form action={formAction} className="flex flex-col gap-2" noValidate>
      <input type="hidden" name="matchId" value={matchId} />
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
        <TextField
          key={key}
          name="spot"
          label="Suggest a spot"
          placeholder="e.g. Steamer Lane, north end"
          maxLength={SPOT_MAX}
          autoComplete="off"
          defaultValue={state.ok ? "" : (state.values?.spot ?? "")}
          hint={`Only ${seenBy} it, and it goes into your ledger. Up to ${SPOT_MAX} characters.`}
          errors={state.fieldErrors?.spot}
          className="flex-1"
        />
        <Button type="submit" variant="secondary" pending={pending} className="sm:mt-7">
          Suggest
        </Button>
      </div>
      {!state.fieldErrors?.spot && <InlineError state={state} />}
    </form>
  );
}

/** Quick replies and a short message of one's own. */
export function MessageForms({ matchId, action }: { matchId: string; action: FormAction }) {
  const typed = useSendForm(action);
  const quick = useSendForm(action);
  return (
    <div className="flex flex-col gap-3">
      <form action={quick.formAction} className="flex flex-col gap-2">
        <input type="hidden" name="matchId" value={matchId} />
        <div role="group" aria-label="Quick replies" className="flex flex-wrap gap-2">
          {QUICK_REPLIES.map((reply) => (
            <Button key={reply} type="submit" name="message" value={reply} variant="secondary" disabled={quick.pending} className="min-h-10 px-3 text-sm">
              {reply}
            </Button>
          ))}
        </div>
        <InlineError state={quick.state} />
      </form>
      <form action={typed.formAction} className="flex flex-col gap-2" noValidate>
        <input type="hidden" name="matchId" value={matchId} />
        <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
          <TextField
            key={typed.key}
            name="message"
            label="Message"
            maxLength={MESSAGE_MAX}
            autoComplete="off"
            defaultValue={typed.state.ok ? "" : (typed.state.values?.message ?? "")}
            hint={`Plain text, up to ${MESSAGE_MAX} characters.`}
            errors={typed.state.fieldErrors?.message}
            className="flex-1"
          />
          <Button type="submit" pending={typed.pending} className="sm:mt-7">
            Send
          </Button>
        </div>
        {!typed.state.fieldErrors?.message && <InlineError state={typed.state} />}
      </form>
    </div>
  );
}

/** The spots and messages so far, oldest first; one's own on the right; in a huddle, each with its sender's name. */
export function MessageList({ messages, showNames }: { messages: MatchMessage[]; showNames: boolean }) {
  if (messages.length === 0) return <p className="text-stone-600">No messages yet.</p>;
  return (
    <ol className="flex flex-col gap-2" data-testid="messages">
      {messages.map((message) => (
        <li key={message.id} className={`flex flex-col ${message.mine ? "items-end" : "items-start"}`}>
          <p className={`max-w-[85%] rounded-2xl px-3 py-2 wrap-anywhere ${message.mine ? "bg-brand-700 text-white" : "bg-stone-100 text-stone-900"}`}>
            <span className={showNames && !message.mine ? "block text-xs font-semibold text-stone-700" : "sr-only"}>
              {message.from}
              <span className="sr-only">: </span>
            </span>
            {message.kind === "spot" && <span className="font-medium">Suggested spot: </span>}
            {message.body}
          </p>
          <span className="mt-0.5 text-xs text-stone-600">
            <LocalTime at={message.sentAt} />
          </span>
        </li>
      ))}
    </ol>
  );
}
