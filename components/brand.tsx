import Link from "next/link";

/** The product mark: two overlapping circles, the shape of a match. */
export function Brand({ href }: { href: string }) {
  return (
    <Link href={href} className="flex items-center gap-2 rounded-md text-lg font-semibold tracking-tight text-stone-900">
      <svg aria-hidden="true" viewBox="0 0 32 20" className="h-5 w-8">
        <circle cx="10" cy="10" r="8.5" fill="none" stroke="currentColor" strokeWidth="2.5" className="text-brand-700" />
        <circle cx="22" cy="10" r="8.5" fill="none" stroke="currentColor" strokeWidth="2.5" className="text-amber-500" />
      </svg>
      Overlap
    </Link>
  );
}
