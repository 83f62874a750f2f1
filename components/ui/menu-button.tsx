"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent, type Ref } from "react";

export type MenuItem = { label: string; onSelect: () => void; tone?: "danger" };

type Props = {
  /** The button's accessible name ("More actions for Ana"); it shows only a ⋯ icon. */
  label: string;
  items: MenuItem[];
  /** The button itself, for whoever must put focus back on it later (after a question it led to). */
  ref?: Ref<HTMLButtonElement>;
};

/**
 * An overflow menu following the WAI-ARIA menu button pattern: Enter, Space or ArrowDown open it on
 * the first item (ArrowUp on the last), arrows move and wrap, Home/End jump, Escape closes it and
 * returns focus to the button, Tab or a click outside closes it.
 */
export function MenuButton({ label, items, ref }: Props) {
  const [open, setOpen] = useState<false | "first" | "last">(false);
  const id = useId();
  const button = useRef<HTMLButtonElement | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const entries = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    if (!open) return;
    entries.current[open === "first" ? 0 : items.length - 1]?.focus();
    const outside = (event: PointerEvent) => {
      if (!box.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open, items.length]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  const onMenuKey = (event: KeyboardEvent) => {
    const at = entries.current.indexOf(document.activeElement as HTMLButtonElement);
    const move = (to: number) => entries.current[(to + items.length) % items.length]?.focus();
    if (event.key === "ArrowDown") move(at + 1);
    else if (event.key === "ArrowUp") move(at - 1);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(items.length - 1);
    else if (event.key === "Escape") close();
    else if (event.key === "Tab") setOpen(false);
    else return;
    if (event.key !== "Tab") event.preventDefault();
  };

  return (
    <div ref={box} className="relative">
      <button
        ref={(node) => {
          button.current = node;
          if (typeof ref === "function") ref(node);
          else if (ref) ref.current = node;
        }}
        type="button"
        id={`${id}-button`}
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={Boolean(open)}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => setOpen(open ? false : "first")}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            event.preventDefault();
            setOpen(event.key === "ArrowDown" ? "first" : "last");
          }
        }}
        className={`flex h-11 w-11 items-center justify-center rounded-lg text-stone-600 hover:bg-stone-100 hover:text-stone-900 ${open ? "bg-stone-100 text-stone-900" : ""}`}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="currentColor">
          <circle cx="5" cy="12" r="1.8" />
          <circle cx="12" cy="12" r="1.8" />
          <circle cx="19" cy="12" r="1.8" />
        </svg>
      </button>
      {open && (
        <div
          id={`${id}-menu`}
          role="menu"
          aria-labelledby={`${id}-button`}
          onKeyDown={onMenuKey}
          className="absolute top-full right-0 z-20 mt-1 flex min-w-40 flex-col rounded-xl border border-stone-200 bg-white p-1 shadow-lg"
        >
          {items.map((item, index) => (
            <button
              key={item.label}
              ref={(node) => {
                entries.current[index] = node;
              }}
              type="button"
              role="menuitem"
              tabIndex={-1}
              onClick={() => {
                setOpen(false);
                item.onSelect();
              }}
              className={`flex min-h-11 items-center rounded-lg px-3 text-left text-sm font-medium outline-offset-[-2px] hover:bg-stone-100 focus:bg-stone-100 ${
                item.tone === "danger" ? "text-red-700" : "text-stone-800"
              }`}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
