import { Fragment, type ReactNode } from "react";
import { SectionCard } from "@/components/ui/section-card";
import { LocalTime } from "@/components/ui/time-range";
import type { NamedPerson } from "@/lib/views/data";

/** One stored item: what it is, a few details, and when it is deleted (ISO; null when an event deletes it). */
export type DataRow = { key: string; title: ReactNode; details?: ReactNode[]; deletesAt: string | null };

/** One kind of stored data: a count in the heading, the deletion rule under it, the items or what "none" means. */
export function DataSection({
  id,
  title,
  count,
  retention,
  empty,
  children,
}: {
  id: string;
  title: string;
  count: number;
  retention: string;
  empty: string;
  children: ReactNode;
}) {
  return (
    <SectionCard id={id} title={`${title} (${count})`} description={retention}>
      {count === 0 ? <p className="text-stone-600">{empty}</p> : children}
    </SectionCard>
  );
}

function Details({ details }: { details: ReactNode[] }) {
  const shown = details.filter((detail) => detail !== null && detail !== undefined && detail !== false);
  if (shown.length === 0) return null;
  return (
    <p className="text-sm wrap-break-word text-stone-600">
      {shown.map((detail, index) => (
        <Fragment key={index}>
          {index > 0 && " · "}
          {detail}
        </Fragment>
      ))}
    </p>
  );
}

/** The items of a section, one per line on a phone; `now` (ISO) tells "kept until" from "due". */
export function DataList({ rows, now, label }: { rows: DataRow[]; now: string; label: string }) {
  return (
    <ul aria-label={label} className="divide-y divide-stone-100">
      {rows.map((row) => (
        <li key={row.key} className="py-3 first:pt-0 last:pb-0">
          <p className="font-medium wrap-break-word text-stone-900">{row.title}</p>
          {row.details && <Details details={row.details} />}
          {row.deletesAt && (
            <p className="text-sm text-stone-500">
              {row.deletesAt <= now ? (
                "Due for deletion now"
              ) : (
                <>
                  Kept until <LocalTime inSentence at={row.deletesAt} />
                </>
              )}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

/** "Alex @alex" as the title of a row about a person. */
export function PersonName({ person }: { person: NamedPerson }) {
  return (
    <>
      {person.displayName} {person.handle && <span className="font-normal text-stone-600">@{person.handle}</span>}
    </>
  );
}
