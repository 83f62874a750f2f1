import { LocalTime, TimeRange } from "@/components/ui/time-range";
import type { LedgerItem, NamedPerson, ProbeNoticeItem, ToldItem, ToldToMeItem } from "@/lib/views/data";
import { PersonName, type DataRow } from "./data-list";

/** Exactly what a match notification said — who, what, when, "in your area" (an ask: no area) — or the words of a spot or a message, and when. */
function toldRow(id: string, person: NamedPerson, told: ToldItem, verb: string): DataRow {
  return {
    key: id,
    title: <PersonName person={person} />,
    details: [
      told.said === null ? (
        <>
          {verb} “{told.activity}, <TimeRange dated startsAt={told.startsAt} endsAt={told.endsAt} />
          {told.asked ? "?” (an ask: no area)" : ", in your area”"}
          {told.usually !== null && <> — and that this is usual {told.usually}</>}
          {told.note !== null && (
            <>
              {" "}
              and the note “<span className="wrap-anywhere">{told.note}</span>”
            </>
          )}
        </>
      ) : (
        <>
          {verb} “<span className="wrap-anywhere">{told.said}</span>” (about {told.activity}, <TimeRange dated startsAt={told.startsAt} endsAt={told.endsAt} />)
        </>
      ),
      <>
        Sent <LocalTime inSentence at={told.createdAt} />
      </>,
    ],
    deletesAt: told.deletesAt,
  };
}

/** The disclosure ledger: what each friend was told about you. */
export function ledgerRows(entries: LedgerItem[]): DataRow[] {
  return entries.map((entry) => toldRow(entry.id, entry.toldTo, entry, "was told"));
}

/** The other direction: what you were told about each friend. */
export function toldToMeRows(entries: ToldToMeItem[]): DataRow[] {
  return entries.map((entry) => toldRow(entry.id, entry.about, entry, "told you"));
}

/** The ledger's notices: a friend's plans were checked against one of yours from every area a day allows. */
export function probeNoticeRows(entries: ProbeNoticeItem[]): DataRow[] {
  return entries.map((entry) => ({
    key: entry.id,
    title: `A friend’s plans were checked against your ${entry.activity} plan from ${entry.areas} different areas in one day`,
    details: [
      "The most we allow in a day. Nothing more than “in your area” was ever shared, and only on a match.",
      <>
        Noted <LocalTime inSentence at={entry.createdAt} />
      </>,
    ],
    deletesAt: entry.deletesAt,
  }));
}
