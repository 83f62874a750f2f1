import type { ReactNode } from "react";
import { Avatar } from "@/components/ui/avatar";
import { ROW_ACTIONS } from "@/components/ui/row-actions";
import type { PersonView } from "@/lib/views/friends";

/**
 * A compact row for one person: avatar, name and @handle on one line (a `detail` under them), and
 * controls on the right. The name keeps its room; the handle gives way first. Controls that do not
 * fit beside the name wrap onto a line of their own, and so does a question one of them asks.
 */
export function PersonRow({ person, detail, children }: { person: Pick<PersonView, "displayName" | "handle">; detail?: ReactNode; children?: ReactNode }) {
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-2 py-2">
      <div className="flex min-w-0 flex-1 basis-40 items-center gap-3">
        <Avatar name={person.displayName} handle={person.handle} />
        <div className="min-w-0">
          <p className="flex min-w-0 items-baseline gap-2">
            <span className="max-w-full shrink-0 truncate font-medium">{person.displayName}</span>
            <span className="min-w-0 truncate text-sm text-stone-600">@{person.handle}</span>
          </p>
          {detail && <p className="text-sm text-stone-500">{detail}</p>}
        </div>
      </div>
      {children && <div className={`flex shrink-0 flex-wrap items-center gap-2 [&:has(>[data-asking])]:basis-full ${ROW_ACTIONS}`}>{children}</div>}
    </li>
  );
}
