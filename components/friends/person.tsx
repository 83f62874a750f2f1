import type { ReactNode } from "react";
import { Avatar } from "@/components/ui/avatar";
import { ROW_ACTIONS } from "@/components/ui/row-actions";
import type { PersonView } from "@/lib/views/friends";

/** A row for one person: avatar, name and handle, with controls on the right (below on phones). */
export function PersonRow({ person, detail, children }: { person: Pick<PersonView, "displayName" | "handle">; detail?: ReactNode; children?: ReactNode }) {
  return (
    <li className="flex flex-col gap-3 py-3 sm:flex-row sm:items-center sm:justify-between">
      <div className="flex min-w-0 flex-1 items-center gap-3">
        <Avatar name={person.displayName} handle={person.handle} />
        <div className="min-w-0">
          <p className="truncate font-medium">{person.displayName}</p>
          <p className="truncate text-sm text-stone-600">@{person.handle}</p>
          {detail && <p className="text-sm text-stone-500">{detail}</p>}
        </div>
      </div>
      {children && <div className={`flex shrink-0 flex-wrap items-start gap-2 sm:flex-nowrap sm:justify-end ${ROW_ACTIONS}`}>{children}</div>}
    </li>
  );
}
