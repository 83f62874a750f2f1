"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { TimeRange } from "@/components/ui/time-range";
import type { FormAction } from "@/lib/validation/form";
import type { InboxItem } from "@/lib/views/notifications";

/**
 * The inbox. What was unread when the page opened stays highlighted while it is open, even though
 * opening it marks everything read (which also clears the badge in the header).
 */
export function NotificationList({ items, markRead }: { items: InboxItem[]; markRead: FormAction }) {
  const [fresh] = useState(() => new Set(items.filter((item) => item.unread).map((item) => item.id)));
  const newest = items[0]?.id;
  useEffect(() => {
    if (fresh.size === 0 || !newest) return;
    // Only what was on screen: anything newer that arrives meanwhile stays unread.
    const form = new FormData();
    form.set("upTo", newest);
    void markRead({ ok: false }, form);
  }, [fresh, newest, markRead]);

  return (
    <ul className="divide-y divide-stone-100 overflow-hidden rounded-2xl border border-stone-200 bg-white shadow-sm">
      {items.map((item) => {
        const isNew = fresh.has(item.id);
        return (
          <li key={item.id}>
            <Link href={item.href} className={`flex items-start gap-3 px-4 py-3 hover:bg-stone-50 ${isNew ? "bg-brand-50/60" : ""}`}>
              <span aria-hidden="true" className={`mt-2 h-2 w-2 shrink-0 rounded-full ${isNew ? "bg-amber-500" : "bg-stone-200"}`} />
              <span className="min-w-0">
                <span className={`block ${item.off ? "text-stone-500" : "text-stone-900"}`}>
                  {isNew && <span className="sr-only">New: </span>}
                  {item.text}
                  {item.off && <span className="ml-2 inline-block rounded-full bg-stone-100 px-2 py-0.5 text-xs font-medium text-stone-700">Off now</span>}
                </span>
                {item.window && (
                  <span className="block text-sm font-medium text-stone-800">
                    <TimeRange startsAt={item.window.startsAt} endsAt={item.window.endsAt} />
                  </span>
                )}
                <span className="block text-sm text-stone-600">{item.when}</span>
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
