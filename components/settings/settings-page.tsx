import Link from "next/link";
import type { ReactNode } from "react";

/** The way back to the settings index, above a settings page's title. */
export function BackToSettings() {
  return (
    <Link
      href="/settings"
      className="-ml-1 inline-flex min-h-10 items-center gap-1 rounded-lg px-1 text-sm font-medium text-brand-800 underline-offset-2 hover:underline"
    >
      <span aria-hidden="true">‹</span> Privacy &amp; settings
    </Link>
  );
}

/** A settings sub-page holding one setting: the way back, the title, a line on what it is for, the setting in a card. */
export function SettingsPage({ title, intro, tone, children }: { title: string; intro?: ReactNode; tone?: "danger"; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-6">
      <div>
        <BackToSettings />
        <h1 className="mt-1 text-2xl font-semibold tracking-tight sm:text-3xl">{title}</h1>
        {intro && <p className="mt-1 text-stone-600">{intro}</p>}
      </div>
      <div className={`rounded-2xl border bg-white p-5 shadow-sm sm:p-6 ${tone === "danger" ? "border-red-200" : "border-stone-200"}`}>{children}</div>
    </div>
  );
}

/** A group of rows on the settings index, under a heading. */
export function SettingsGroup({ id, title, tone, children }: { id: string; title: string; tone?: "danger"; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="flex flex-col gap-2">
      <h2 id={`${id}-title`} className={`px-1 text-sm font-semibold tracking-wide uppercase ${tone === "danger" ? "text-red-700" : "text-stone-600"}`}>
        {title}
      </h2>
      <ul className="divide-y divide-stone-200 overflow-hidden rounded-2xl border border-stone-200 bg-white shadow-sm">{children}</ul>
    </section>
  );
}

/** One row of the index: what it is, its current value, and a link to the page that changes it. */
export function SettingsRow({ href, label, value, tone }: { href: string; label: string; value?: ReactNode; tone?: "danger" }) {
  return (
    <li>
      <Link href={href} className="flex min-h-14 items-center gap-3 px-4 py-2 hover:bg-stone-50 focus-visible:outline-offset-[-2px]">
        <span className="flex min-w-0 flex-1 flex-col">
          <span className={`font-medium ${tone === "danger" ? "text-red-700" : "text-stone-900"}`}>{label}</span>
          {value && <span className="truncate text-sm text-stone-600">{value}</span>}
        </span>
        <span aria-hidden="true" className="text-xl text-stone-400">
          ›
        </span>
      </Link>
    </li>
  );
}
