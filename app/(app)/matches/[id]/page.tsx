import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { notFound } from "next/navigation";
import { AnswerButtons, OnMyWay } from "@/components/matches/answer-controls";
import { MessageForms, MessageList, SpotForm } from "@/components/matches/messages";
import { LocalTime, TimeRange } from "@/components/ui/time-range";
import { SectionCard } from "@/components/ui/section-card";
import { answerWords, huddleWords, listNames, outWords } from "@/lib/meetup-words";
import { requireUser } from "@/lib/server/auth/auth";
import { getMatch } from "@/lib/server/matches/meetups";
import { idField } from "@/lib/validation/fields";
import type { MatchSide } from "@/lib/views/matches";
import { answerMatchAction, onMyWayAction, proposeSpotAction, sendMessageAction } from "../actions";

export const metadata: Metadata = { title: "Match" };

/**
 * One match, as the viewer's huddle: each friend their plan matched for this activity (only their own
 * friends), the window over them all, "in your area", and everyone's answer. Only the people of the
 * match opened can open it; anyone else gets the same 404 as a match that does not exist.
 */
export default async function MatchPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const match = idField.safeParse(id).success ? await getMatch(user.id, id) : null;
  if (!match) notFound();
  const still = match.friends.filter((friend) => !friend.out);
  const names = still.map((friend) => friend.name);
  const huddle = match.friends.length > 1;
  // Answering is for a meet-up that can still happen: the time is not over, the viewer's plan is on, and someone else's is.
  const open = !match.ended && !match.you.out && still.length > 0;
  const title = match.askedBy
    ? `${match.askedBy} asks: up for ${match.activity}?`
    : !match.inYourArea
      ? `You asked ${listNames(match.friends.map((friend) => friend.name))}: up for ${match.activity}?`
      : still.length > 1
        ? huddleWords(names, match.activity)
        : `${(still[0] ?? match.friends[0]!).name} is up for ${match.activity} too`;
  const seenBy = still.length > 1 ? `${listNames(names)} see` : `${names[0] ?? "your friend"} sees`;

  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link href="/plans" className="text-sm font-medium text-brand-800 underline-offset-4 hover:underline">
          ← Your plans
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight wrap-anywhere sm:text-3xl">{title}</h1>
        <p className="mt-1 text-stone-700" data-testid="match-when">
          <TimeRange startsAt={match.startsAt} endsAt={match.endsAt} />
          {/* An ask compared nobody's area: it says nothing about where anyone is. */}
          {match.inYourArea && !match.askedBy && " · in your area"}
        </p>
      </div>

      {still.length === 0 && (
        <p role="status" className="rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-amber-950" data-testid="match-off">
          {huddle ? "Everyone else is out" : outWords(match.friends[0]!.name)} — this meet-up is off.
        </p>
      )}
      {match.ended && still.length > 0 && <p className="rounded-xl border border-stone-200 bg-stone-50 px-4 py-3 text-stone-800">This plan’s time is over.</p>}

      {match.you.out && !match.ended && (
        <p className="rounded-xl border border-stone-200 bg-stone-50 px-4 py-3 text-stone-800">Your plan for this is off, so there’s nothing to answer.</p>
      )}

      <SectionCard id="answers" title="Who’s coming">
        <ul className="flex flex-col gap-2" data-testid="answers">
          {match.friends.map((friend, at) => (
            <SideLine key={at} side={friend} always={huddle || friend.asked} window={huddle && !sameWindow(friend, match) ? friend : undefined} />
          ))}
          <SideLine side={match.you} you />
        </ul>
        {match.friends.map(
          (friend, at) =>
            friend.note && (
              <p key={at} className="mt-3 wrap-anywhere text-stone-800" data-testid="friend-note">
                {friend.name}’s note: “{friend.note}”
              </p>
            ),
        )}
        {match.you.note && (
          <p className="mt-1 text-sm wrap-anywhere text-stone-600">
            Your note, shown to {listNames(match.friends.map((friend) => friend.name))}: “{match.you.note}”
          </p>
        )}
      </SectionCard>

      {open && (
        <SectionCard id="your-answer" title="Your answer" description={`${seenBy} it at once. You can change it until the plan’s time is over.`}>
          <div className="flex flex-col gap-5">
            <AnswerButtons matchId={match.id} current={match.you.answer} action={answerMatchAction} />
            {match.you.answer === "in" && (
              // A file for this person's calendar: the activity, the time, who's in and the spot — no area.
              <a href={`/api/calendar/meetups/${match.id}`} download className={buttonClasses("secondary", "self-start text-sm")}>
                Add to my calendar
              </a>
            )}
            <OnMyWay matchId={match.id} action={onMyWayAction} />
          </div>
        </SectionCard>
      )}

      <SectionCard id="spot" title="Where to meet">
        <div className="flex flex-col gap-4">
          {match.spot ? (
            <p className="text-stone-900" data-testid="spot">
              {match.spot.mine ? "You suggested" : `${match.spot.from} suggests`}: <strong className="wrap-anywhere">{match.spot.body}</strong>
            </p>
          ) : (
            <p className="text-stone-600">{match.inYourArea && !match.askedBy ? "No spot yet: you’re all somewhere in the same area." : "No spot yet."}</p>
          )}
          {open && <SpotForm matchId={match.id} seenBy={seenBy} action={proposeSpotAction} />}
        </div>
      </SectionCard>

      <SectionCard id="messages" title="Messages">
        <div className="flex flex-col gap-4">
          <MessageList messages={match.messages} showNames={huddle} />
          {open && <MessageForms matchId={match.id} action={sendMessageAction} />}
        </div>
      </SectionCard>
    </div>
  );
}

type Window = { startsAt: Date; endsAt: Date };

const sameWindow = (a: Window, b: Window) => a.startsAt.getTime() === b.startsAt.getTime() && a.endsAt.getTime() === b.endsAt.getTime();

/**
 * "Ben's in", "Ben's on the way — there around 15:20", "Ben's out"; `always`: a line even before they
 * answer (a huddle lists everyone); `window`: their own time, where it is not the page's.
 */
function SideLine({ side, you = false, always = false, window }: { side: MatchSide; you?: boolean; always?: boolean; window?: Window }) {
  const name = you ? "You" : side.name;
  const asked = !you && "asked" in side && side.asked === true;
  let words: React.ReactNode = null;
  if (side.out) words = you ? "Your plan is off" : outWords(name);
  else if (side.arrivingAt && side.answer === "in")
    words = (
      <>
        {you ? "You’re" : `${name}’s`} on the way — there around <LocalTime at={side.arrivingAt} inSentence />
      </>
    );
  else if (you) words = side.answer ? { in: "You’re in", maybe: "You might come", out: "You can’t make it this time" }[side.answer] : "You haven’t answered";
  // In a huddle every friend has a line, answered or not.
  else words = answerWords(name, side.answer) ?? (always ? `${name} hasn’t answered yet` : null);
  if (!words) return null;
  return (
    <li className={side.out ? "text-stone-500" : "font-medium text-stone-900"}>
      {words}
      {asked && <span className="ml-2 rounded-full bg-stone-100 px-2 py-0.5 text-xs font-medium text-stone-700">asked</span>}
      {window && !side.out && (
        <span className="block text-sm font-normal text-stone-600">
          <TimeRange startsAt={window.startsAt} endsAt={window.endsAt} />
        </span>
      )}
    </li>
  );
}
