const palette = [
  "bg-teal-100 text-teal-900",
  "bg-amber-100 text-amber-900",
  "bg-sky-100 text-sky-900",
  "bg-rose-100 text-rose-900",
  "bg-violet-100 text-violet-900",
  "bg-lime-100 text-lime-900",
];

/** A round initial; the colour is derived from the handle so it stays the same everywhere. */
export function Avatar({ name, handle }: { name: string; handle: string }) {
  let hash = 0;
  for (const char of handle) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const initial = Array.from(name.trim())[0]?.toUpperCase() ?? "?";
  return (
    <span
      aria-hidden="true"
      className={`flex h-10 w-10 shrink-0 items-center justify-center rounded-full text-base font-semibold ${palette[hash % palette.length]}`}
    >
      {initial}
    </span>
  );
}
