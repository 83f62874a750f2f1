import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { AccountTable } from "@/components/data/account-table";
import { DataList, DataSection, PersonName, type DataRow } from "@/components/data/data-list";
import { ledgerRows, probeNoticeRows, toldToMeRows } from "@/components/data/ledger";
import { buttonClasses } from "@/components/ui/button";
import { BackToSettings } from "@/components/settings/settings-page";
import { SectionCard } from "@/components/ui/section-card";
import { ClockRange, LocalTime, TimeRange } from "@/components/ui/time-range";
import { groupSizeWords } from "@/lib/meetup-words";
import { daysWords } from "@/lib/standing-times";
import { requireUser } from "@/lib/server/auth/auth";
import { collectUserData, type UserData } from "@/lib/server/privacy/my-data";
import { SECTIONS, type SectionName } from "@/lib/server/privacy/retention-rules";

export const metadata: Metadata = { title: "What we store about you" };

const link = "font-medium text-brand-800 underline underline-offset-2 hover:text-brand-900";

type Listed = { id: string; title: string; empty: string; section: { count: number; retention: string }; rows: DataRow[]; more?: ReactNode };

const at = (verb: string, time: string) => (
  <>
    {verb} <LocalTime inSentence at={time} />
  </>
);

/** The sections listed item by item (the account has a table of its own; rate limits only a note). */
type ListedName = Exclude<SectionName, "account" | "rateLimits">;
/** How a section shows on this page: what it says when empty, a row per item, and anything more. */
type Listing<K extends ListedName> = { empty: string; rows: (items: UserData[K]["items"]) => DataRow[]; more?: ReactNode };

// Every section, in the order a person thinks in: plans and what came of them first, the friend graph
// next, sign-ins last. Each section's anchor, title and rule come from the retention rules.
const LISTINGS: { [K in ListedName]: Listing<K> } = {
  plans: {
    empty: "No plans stored.",
    rows: (plans) =>
      plans.map((plan) => ({
        key: plan.id,
        title: <span className="capitalize">{plan.activity}</span>,
        details: [
          <TimeRange key="window" startsAt={plan.startsAt} endsAt={plan.endsAt} />,
          plan.area ? `${plan.area.precision} area (${plan.area.size})` : "a coarse area",
          `up to ${plan.travelKm} km`,
          plan.audience === "close" ? "close friends" : "all friends",
          groupSizeWords(plan),
          plan.active ? null : "ended",
          plan.note ? `“${plan.note}”${plan.shareNote ? " (shown to friends you match with)" : ""}` : null,
        ],
        deletesAt: plan.deletesAt,
      })),
    more: <p className="mt-3 text-sm text-stone-600">Each plan’s area is stored as an H3 cell id; the download includes it.</p>,
  },
  standingPlans: {
    empty: "No standing plans stored.",
    rows: (standing) =>
      standing.map((plan) => ({
        key: plan.id,
        title: <span className="capitalize">{plan.activity}</span>,
        details: [
          <span key="weekly">
            {daysWords(plan.days)}, <ClockRange from={plan.startMinute} to={plan.endMinute} /> ({plan.timeZone} time)
          </span>,
          plan.area ? `standing area: ${plan.area.precision} area (${plan.area.size})` : "a coarse standing area",
          `up to ${plan.travelKm} km`,
          plan.audience === "close" ? "close friends" : "all friends",
          plan.lastOn ? `until ${plan.lastOn}` : "every week",
          plan.paused ? "paused" : null,
        ],
        deletesAt: plan.deletesAt,
      })),
    more: (
      <p className="mt-3 text-sm text-stone-600">
        A standing plan’s area is one you chose, stored as an H3 cell id at your precision (the download includes it) — never a position we tracked.
      </p>
    ),
  },
  areaUses: {
    empty: "No areas counted in the last day.",
    rows: (uses) =>
      uses.map((use, index) => ({
        key: use.areaKey,
        title: `Area and distance ${uses.length - index}`,
        details: [
          use.activities.join(", ") || null,
          at("first used", use.firstUsedAt),
          <span key="hash" className="font-mono text-xs">
            {use.areaKey.slice(0, 12)}…
          </span>,
        ],
        deletesAt: use.deletesAt,
      })),
    more: (
      <p className="mt-3 text-sm text-stone-600">
        Every match or non-match tells a friend a little about where you are, so each person’s plans can use only a few areas a day — this list is how we count
        yours. The hash cannot be turned back into an area without the server’s key.
      </p>
    ),
  },
  matches: {
    empty: "No matches stored.",
    rows: (matches) =>
      matches.map((match) => ({
        key: match.id,
        title: (
          <>
            <span className="capitalize">{match.activity}</span> with <PersonName person={match.with} />
          </>
        ),
        // An ask compared no areas: it says who asked.
        details: [at(match.ask ?? "matched", match.createdAt)],
        deletesAt: match.deletesAt,
      })),
  },
  matchAnswers: {
    empty: "No answers to matches stored.",
    rows: (sides) =>
      sides.map((side) => ({
        key: side.matchId,
        title: <span className="capitalize">{side.activity}</span>,
        details: [
          side.answer ? { in: "you’re in", maybe: "maybe", out: "can’t make it" }[side.answer] : "no answer",
          side.arrivingAt ? at("on the way, there around", side.arrivingAt) : null,
          side.planOffAt ? "your plan went off" : null,
        ],
        deletesAt: side.deletesAt,
      })),
  },
  matchMessages: {
    empty: "No spots or messages sent.",
    rows: (messages) =>
      messages.map((message) => ({
        key: message.id,
        title: <span className="wrap-anywhere">“{message.body}”</span>,
        details: [
          <span key="about" className="capitalize">
            {message.kind === "spot" ? "Suggested spot" : "Message"} · {message.activity}
          </span>,
          at("sent", message.sentAt),
        ],
        deletesAt: message.deletesAt,
      })),
  },
  notifications: {
    empty: "Your inbox is empty.",
    rows: (items) =>
      items.map((item) => ({
        key: item.id,
        title: item.text,
        details: [
          item.window ? <TimeRange key="window" startsAt={item.window.startsAt} endsAt={item.window.endsAt} /> : null,
          at("received", item.createdAt),
          item.readAt ? "read" : "unread",
        ],
        deletesAt: item.deletesAt,
      })),
  },
  ledger: {
    empty: "No friend has been told anything about you.",
    rows: ledgerRows,
    more: (
      <p className="mt-3 text-sm">
        <Link href="/settings/ledger" className={link}>
          Open the disclosure ledger
        </Link>
      </p>
    ),
  },
  probeNotices: { empty: "No notices.", rows: probeNoticeRows },
  toldToMe: { empty: "You have not been told about anyone’s plans.", rows: toldToMeRows },
  pushDevices: {
    empty: "Push notifications are not on for any device.",
    rows: (devices) =>
      devices.map((device) => ({ key: device.id, title: device.label, details: [at("added", device.createdAt)], deletesAt: device.deletesAt })),
  },
  friends: {
    empty: "No friends stored.",
    rows: (friends) =>
      friends.map((item) => ({
        key: item.friend.handle,
        title: <PersonName person={item.friend} />,
        details: [item.close ? "close friend (your mark)" : null, at("friends since", item.since)],
        deletesAt: item.deletesAt,
      })),
  },
  friendRequestsSent: {
    empty: "No requests waiting for an answer.",
    rows: (sent) =>
      sent.map((item) => ({ key: item.to.handle, title: <PersonName person={item.to} />, details: [at("sent", item.createdAt)], deletesAt: item.deletesAt })),
  },
  friendRequestsReceived: {
    empty: "No requests waiting for your answer.",
    rows: (received) =>
      received.map((item) => ({
        key: item.from.handle,
        title: <PersonName person={item.from} />,
        details: [at("received", item.createdAt)],
        deletesAt: item.deletesAt,
      })),
  },
  blocks: {
    empty: "You have not blocked anyone.",
    rows: (blocks) =>
      blocks.map((item) => ({
        key: item.blocked.handle,
        title: <PersonName person={item.blocked} />,
        details: [at("blocked", item.createdAt)],
        deletesAt: item.deletesAt,
      })),
  },
  invitesCreated: {
    empty: "No invite links stored.",
    rows: (invites) =>
      invites.map((invite) => ({
        key: invite.id,
        title:
          invite.status === "used" && invite.acceptedBy ? (
            <>
              Used by <PersonName person={invite.acceptedBy} />
            </>
          ) : (
            { open: "Open link", used: "Used link", withdrawn: "Withdrawn link", expired: "Expired link" }[invite.status]
          ),
        details: [at("made", invite.createdAt)],
        deletesAt: invite.deletesAt,
      })),
  },
  invitesAccepted: {
    empty: "You joined without an invite link.",
    rows: (invites) =>
      invites.map((invite, index) => ({
        key: `${invite.from.handle}-${index}`,
        title: (
          <>
            From <PersonName person={invite.from} />
          </>
        ),
        details: [invite.acceptedAt ? at("accepted", invite.acceptedAt) : null],
        deletesAt: invite.deletesAt,
      })),
  },
  sessions: {
    empty: "No sign-ins stored.",
    rows: (sessions) =>
      sessions.map((session, index) => ({ key: `${session.createdAt}-${index}`, title: at("Signed in", session.createdAt), deletesAt: session.deletesAt })),
  },
};

function listing<K extends ListedName>(name: K, data: UserData): Listed {
  const { empty, rows, more } = LISTINGS[name];
  const section = data[name];
  return { id: SECTIONS[name].id, title: SECTIONS[name].title, empty, section, rows: rows(section.items), more };
}

const listed = (data: UserData): Listed[] => (Object.keys(LISTINGS) as ListedName[]).map((name) => listing(name, data));

export default async function StoredDataPage() {
  const user = await requireUser("/settings/data");
  const now = new Date();
  const data = await collectUserData(user.id, now);
  const sections = listed(data);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-3">
        <BackToSettings />
        <h1 className="-mt-2 text-2xl font-semibold tracking-tight sm:text-3xl">What we store about you</h1>
        <p className="text-stone-600">
          Everything our database holds about you, and when each piece is deleted. How long things are kept is{" "}
          <Link href="/settings/retention" className={link}>
            up to you
          </Link>
          ; other people appear only by name.
        </p>
        <a href="/api/export" download className={buttonClasses("primary", "self-start")}>
          Download everything (JSON)
        </a>
      </div>

      <nav aria-label="Sections on this page">
        <ul className="flex flex-wrap gap-2 text-sm">
          {[{ id: SECTIONS.account.id, title: SECTIONS.account.title, section: data.account }, ...sections].map((entry) => (
            <li key={entry.id}>
              <a
                href={`#${entry.id}`}
                className="inline-flex min-h-9 items-center rounded-full border border-stone-200 bg-white px-3 text-stone-800 hover:bg-stone-100"
              >
                {entry.title} <span className="ml-1.5 font-semibold">{entry.section.count}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <SectionCard id={SECTIONS.account.id} title={SECTIONS.account.title} description={data.account.retention}>
        {data.account.items.map((account) => (
          <AccountTable key={account.id} account={account} now={now.toISOString()} />
        ))}
      </SectionCard>

      {sections.map((entry) => (
        <DataSection key={entry.id} id={entry.id} title={entry.title} count={entry.section.count} retention={entry.section.retention} empty={entry.empty}>
          <DataList rows={entry.rows} now={now.toISOString()} label={entry.title} />
          {entry.more}
        </DataSection>
      ))}

      <SectionCard id={SECTIONS.rateLimits.id} title={SECTIONS.rateLimits.title}>
        <p className="text-stone-600">{data.rateLimits.note}</p>
      </SectionCard>
    </div>
  );
}
