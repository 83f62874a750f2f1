"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import { AskFriends } from "@/components/plans/ask-friends";
import { EditPlan } from "@/components/plans/edit-plan";
import { Button } from "@/components/ui/button";
import { useFocusBack } from "@/components/ui/focus-back";
import { InlineAction } from "@/components/ui/inline-action";
import { useNotice } from "@/components/ui/notice";
import { ROW_ACTIONS } from "@/components/ui/row-actions";
import { TimeRange } from "@/components/ui/time-range";
import { followedBy, type FormAction } from "@/lib/validation/form";
import { answerWords, groupSizeWords, outWords } from "@/lib/meetup-words";
import type { PlanMatch } from "@/lib/views/matches";
import type { CloseFriend, OwnPlanView } from "@/lib/views/plans";
import { usePlans } from "./plans";

type Actions = { cancelAction: FormAction; editAction: FormAction; askAction: FormAction };

/** The viewer's own active plans; each disappears when it ends. `closeFriends`: whom a plan can be sent to as an ask. */
export function PlanList({ cancelAction, editAction, askAction, closeFriends }: Actions & { closeFriends: CloseFriend[] }) {
  const { plans, forget } = usePlans();
  const announce = useNotice();
  const cancel = followedBy(cancelAction, (result, data) => {
    if (!result.ok) return;
    const id = String(data.get("planId"));
    const activity = plans.find((plan) => plan.id === id)?.activity;
    forget(id);
    announce(activity ? `Cancelled your ${activity} plan.` : "Plan cancelled.");
  });
  const edited = (activity: string) => announce(`Saved your changes to ${activity}.`, { focus: false });

  if (plans.length === 0) {
    return <p className="text-stone-600">Nothing posted right now. Post what you feel like doing and we’ll watch for friends who want the same.</p>;
  }
  return (
    <ul className="divide-y divide-stone-100">
      {plans.map((plan) => (
        <PlanRow
          key={plan.id}
          plan={plan}
          cancelAction={cancel}
          editAction={editAction}
          askAction={askAction}
          closeFriends={closeFriends}
          onEdited={() => edited(plan.activity)}
          onAsked={(count) => announce(`Asked ${count === 1 ? "1 friend" : `${count} friends`} about ${plan.activity}.`, { focus: false })}
        />
      ))}
    </ul>
  );
}

type RowProps = Actions & { plan: OwnPlanView; closeFriends: CloseFriend[]; onEdited: () => void; onAsked: (count: number) => void };

function PlanRow({ plan, cancelAction, editAction, askAction, closeFriends, onEdited, onAsked }: RowProps) {
  const [editing, setEditing] = useState(false);
  const [asking, setAsking] = useState(false);
  const edit = useRef<HTMLButtonElement>(null);
  const ask = useRef<HTMLButtonElement>(null);
  useFocusBack(editing, edit); // on "Edit" when the form closes, saved or kept as it was
  useFocusBack(asking, ask);

  return (
    <li className="flex flex-col gap-2 py-3 sm:flex-row sm:flex-wrap sm:items-center sm:justify-between">
      <div className="min-w-0">
        <p className="font-medium wrap-anywhere">
          <span className="capitalize">{plan.activity}</span>
          {plan.usually && (
            <span className="ml-2 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-900">This week’s, from a standing plan</span>
          )}
        </p>
        <p className="text-sm text-stone-600">
          <TimeRange startsAt={plan.startsAt} endsAt={plan.endsAt} /> · {plan.area} · up to {plan.travelKm} km ·{" "}
          {plan.audience === "close" ? "close friends" : "all friends"}
          {groupSizeWords(plan) && <> · {groupSizeWords(plan)}</>}
        </p>
        {plan.note && <p className="mt-1 text-sm wrap-anywhere text-stone-700">“{plan.note}”</p>}
        {plan.matches.length > 0 && (
          <ul className="mt-1 flex flex-col gap-1" aria-label={`Matches for ${plan.activity}`}>
            {plan.matches.map((match) => (
              <li key={match.id}>
                <Link href={`/matches/${match.id}`} className="text-sm font-medium text-brand-800 underline underline-offset-4 hover:text-brand-900">
                  {matchLine(match)}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>
      {editing ? (
        // While the form is open the plan's own Cancel is not offered: beside "Keep as it was" it
        // read as a way out of the form, and it ends the plan.
        <EditPlan
          plan={plan}
          action={editAction}
          onDone={(saved) => {
            setEditing(false);
            if (saved) onEdited();
          }}
        />
      ) : asking ? (
        <AskFriends
          plan={plan}
          friends={closeFriends}
          action={askAction}
          onDone={(count) => {
            setAsking(false);
            if (count > 0) onAsked(count);
          }}
        />
      ) : (
        <div className={`flex flex-wrap items-start gap-2 ${ROW_ACTIONS}`}>
          {closeFriends.length > 0 && (
            <Button
              ref={ask}
              type="button"
              variant="secondary"
              className="min-h-10 px-3 text-sm"
              aria-label={`Ask friends about ${plan.activity}`}
              onClick={() => setAsking(true)}
            >
              Ask friends
            </Button>
          )}
          <Button
            ref={edit}
            type="button"
            variant="secondary"
            className="min-h-10 px-3 text-sm"
            aria-label={`Edit ${plan.activity}`}
            onClick={() => setEditing(true)}
          >
            Edit
          </Button>
          {plan.usually ? (
            <InlineAction
              action={cancelAction}
              fields={{ planId: plan.id }}
              label="Skip this week"
              ariaLabel={`Skip ${plan.activity} this week`}
              confirm="Skip this week? Your standing plan stays."
            />
          ) : (
            <InlineAction action={cancelAction} fields={{ planId: plan.id }} label="Cancel" ariaLabel={`Cancel ${plan.activity}`} confirm="Cancel this plan?" />
          )}
        </div>
      )}
    </li>
  );
}

/** "Matched with Ben · Ben's in" (or "Asked Ben · …"); "· Ben's out" once their plan is off. */
function matchLine({ friend, asked }: PlanMatch): string {
  const status = friend.out ? outWords(friend.name) : answerWords(friend.name, friend.answer);
  return `${asked ? "Asked" : "Matched with"} ${friend.name}${status ? ` · ${status}` : ""}`;
}
