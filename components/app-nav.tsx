"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { usePendingRoute } from "@/components/pending-route";

const items = [
  { href: "/plans", label: "Plans", icon: "M12 8v4l3 2m6-2a9 9 0 1 1-18 0 9 9 0 0 1 18 0Z" },
  {
    href: "/friends",
    label: "Friends",
    icon: "M17 20h5v-1a4 4 0 0 0-6-3.5M9 20H2v-1a5 5 0 0 1 10 0v1m0 0h1M13 7a4 4 0 1 1-8 0 4 4 0 0 1 8 0Zm7 3a3 3 0 1 1-6 0 3 3 0 0 1 6 0Z",
  },
  {
    href: "/notifications",
    label: "Notifications",
    icon: "M15 17h5l-1.4-1.4A2 2 0 0 1 18 14.2V11a6 6 0 0 0-4-5.7V5a2 2 0 1 0-4 0v.3A6 6 0 0 0 6 11v3.2a2 2 0 0 1-.6 1.4L4 17h5m6 0v1a3 3 0 1 1-6 0v-1m6 0H9",
  },
  // The privacy tab holds all of /settings: the index, each setting, what we store, the ledger.
  { href: "/settings", label: "Privacy", icon: "M12 3l7 3v5c0 5-3.5 8.5-7 10-3.5-1.5-7-5-7-10V6l7-3Z" },
];

/** Main navigation: a bottom tab bar on phones and tablets, inline in the header on wide screens. */
export function AppNav({ unread }: { unread: number }) {
  // The tab being opened is shown as current from the tap on, not once the server has answered.
  const pending = usePendingRoute();
  const actual = usePathname();
  const pathname = pending.to ?? actual;
  return (
    <nav
      aria-label="Main"
      className="fixed inset-x-0 bottom-0 z-10 border-t border-stone-200 bg-white/95 pb-[env(safe-area-inset-bottom)] backdrop-blur lg:static lg:border-t-0 lg:bg-transparent lg:pb-0"
    >
      <ul className="mx-auto flex max-w-3xl justify-around lg:justify-center lg:gap-1">
        {items.map((item) => {
          const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
          const badge = item.href === "/notifications" && unread > 0;
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                // Each tab's page is made per request, so a prefetch brings next to nothing ahead of
                // the tap, and its three round trips cost a phone's main thread while the page loads.
                prefetch={false}
                onNavigate={() => pending.start(item.href)}
                aria-current={pathname === item.href ? "page" : current ? "true" : undefined}
                className={`relative flex min-h-14 flex-col items-center justify-center gap-0.5 rounded-lg px-3 text-xs font-medium lg:min-h-10 lg:flex-row lg:gap-2 lg:text-sm ${
                  current ? "text-brand-800 lg:bg-brand-50" : "text-stone-600 hover:text-stone-900 lg:hover:bg-stone-100"
                }`}
              >
                <svg
                  aria-hidden="true"
                  viewBox="0 0 24 24"
                  className="h-6 w-6 lg:h-5 lg:w-5"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="1.8"
                  strokeLinecap="round"
                  strokeLinejoin="round"
                >
                  <path d={item.icon} />
                </svg>
                {item.label}
                {badge && (
                  <span
                    className="absolute top-1.5 right-2 min-w-5 rounded-full bg-amber-500 px-1.5 text-center text-[11px] leading-5 font-semibold text-stone-950 lg:static"
                    data-testid="unread-badge"
                  >
                    {unread > 99 ? "99+" : unread}
                    <span className="sr-only"> unread</span>
                  </span>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
