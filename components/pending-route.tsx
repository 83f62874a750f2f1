"use client";

import { usePathname } from "next/navigation";
import { createContext, use, useState, type ReactNode } from "react";
import { PageSkeleton, skeletonFor } from "@/components/ui/page-skeleton";

// A tapped tab answers at once, before the server does: the tab bar shows the new tab as current and
// the page gives way to the new page's skeleton, until the new page is there. Without JavaScript
// the tabs are plain links and none of this runs.

type Pending = { to: string | null; start: (to: string) => void };
const PendingRoute = createContext<Pending>({ to: null, start: () => {} });

export function PendingRouteProvider({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const [nav, setNav] = useState<{ from: string; to: string } | null>(null);
  // Arrived (or went elsewhere, e.g. back): forget it, so coming back to `from` later is not "pending".
  if (nav && nav.from !== pathname) setNav(null);
  const to = nav && nav.from === pathname ? nav.to : null;
  const start = (next: string) => setNav(next === pathname ? null : { from: pathname, to: next });
  return <PendingRoute value={{ to, start }}>{children}</PendingRoute>;
}

/** Where a tab is taking the reader (null when nowhere), and `start` for a tab to call as it is tapped. */
export function usePendingRoute(): Pending {
  return use(PendingRoute);
}

/** The page, or the skeleton of the page a tab is on its way to. */
export function RouteBody({ children }: { children: ReactNode }) {
  const { to } = usePendingRoute();
  const kind = to ? skeletonFor(to) : null;
  return (
    <>
      {/* Kept mounted, only hidden: if the navigation is abandoned, the page is as it was. */}
      <div hidden={kind !== null}>{children}</div>
      {kind && <PageSkeleton kind={kind} />}
    </>
  );
}
