/** The visual part of an on/off switch; the button around it carries role="switch" and aria-checked. */
export function SwitchTrack({ on }: { on: boolean }) {
  return (
    <span aria-hidden="true" className={`relative h-6 w-10 shrink-0 rounded-full transition-colors ${on ? "bg-brand-700" : "bg-stone-300"}`}>
      <span className={`absolute top-0.5 h-5 w-5 rounded-full bg-white shadow transition-all ${on ? "left-[1.125rem]" : "left-0.5"}`} />
    </span>
  );
}
