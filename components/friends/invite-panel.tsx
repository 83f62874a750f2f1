"use client";

import { useFormAction } from "@/components/ui/form-action";
import { useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { InlineAction } from "@/components/ui/inline-action";
import { InlineError } from "@/components/ui/inline-error";
import { type FormAction } from "@/lib/validation/form";
import type { NewInviteLink, OpenInviteItem } from "@/lib/views/invites";
import { InviteQr } from "./invite-qr";

const noSubscription = () => () => {};

type Props = { createAction: FormAction<NewInviteLink>; revokeAction: FormAction; invites: OpenInviteItem[] };

export function InvitePanel({ createAction, revokeAction, invites }: Props) {
  const [state, formAction, pending] = useFormAction(createAction, { failed: "Couldn’t make an invite link" });
  const [copied, setCopied] = useState<"no" | "yes" | "failed" | "share-failed">("no");
  // The page's own origin, known only in the browser (empty while rendering on the server).
  const origin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => "",
  );
  // The system share sheet (phones, some desktops), where the browser has one.
  const canShare = useSyncExternalStore(
    noSubscription,
    () => typeof navigator.share === "function",
    () => false,
  );
  // The new link is shown while it is still open: withdrawn (by hand, or by blocking someone), it goes.
  const made = state.ok ? state.data : undefined;
  const link = made && invites.some((invite) => invite.id === made.id) ? `${origin}${made.path}` : null;

  async function copy() {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }

  async function share() {
    if (!link) return;
    try {
      await navigator.share({ title: "Join me on Overlap", text: "Join me on Overlap — this link works once, for 7 days.", url: link });
    } catch (error) {
      // Closing the share sheet is not a failure.
      if ((error as Error).name !== "AbortError") setCopied("share-failed");
    }
  }

  return (
    <div className="flex flex-col gap-4">
      <form action={formAction} onSubmit={() => setCopied("no")}>
        <Button type="submit" pending={pending}>
          {link ? "Make another link" : "Make an invite link"}
        </Button>
      </form>
      <InlineError state={state} />
      {link && (
        <div className="flex flex-col gap-2 rounded-xl border border-brand-100 bg-brand-50 p-4">
          <label htmlFor="invite-link" className="text-sm font-medium text-brand-900">
            Your invite link — share it now, it is shown only once
          </label>
          <div className="flex flex-col gap-2 sm:flex-row">
            <input
              id="invite-link"
              readOnly
              value={link}
              onFocus={(event) => event.currentTarget.select()}
              className="min-h-11 w-full min-w-0 rounded-lg border border-stone-300 bg-white px-3 font-mono text-sm"
            />
            <div className="flex gap-2">
              <Button type="button" variant="secondary" onClick={copy}>
                {copied === "yes" ? "Copied" : "Copy"}
              </Button>
              {canShare && (
                <Button type="button" variant="secondary" onClick={share}>
                  Share…
                </Button>
              )}
            </div>
          </div>
          <p role="status" className="text-sm text-brand-900">
            {copied === "yes"
              ? "Link copied. Send it to one friend; it works once, for 7 days."
              : copied === "failed"
                ? "Couldn’t copy here — select the link and copy it by hand."
                : copied === "share-failed"
                  ? "Couldn’t open sharing here — copy the link instead."
                  : "Send it to one friend; it works once, for 7 days."}
          </p>
          <div className="flex flex-col items-center gap-2 pt-2 sm:flex-row sm:items-center sm:gap-4">
            <InviteQr link={link} />
            <p className="text-sm text-brand-900">Standing next to them? Let them scan this code with their phone’s camera.</p>
          </div>
        </div>
      )}
      {invites.length > 0 && (
        <div>
          <h3 className="text-sm font-semibold text-stone-800">Open invite links ({invites.length})</h3>
          <ul className="mt-2 divide-y divide-stone-100">
            {invites.map((invite) => (
              <li key={invite.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <span className="text-stone-700">
                  Made {invite.created} · expires {invite.expires}
                </span>
                <InlineAction
                  action={revokeAction}
                  fields={{ inviteId: invite.id }}
                  label="Withdraw"
                  ariaLabel={`Withdraw the invite link made ${invite.created}`}
                />
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
