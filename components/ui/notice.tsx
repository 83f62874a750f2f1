"use client";

import { createContext, use, useEffect, useRef, useState, type ReactNode } from "react";

// What an action in a list did, said in words at the top of the area. When the action removed the
// row the person was on (cancel a plan, remove a friend), focus comes here instead of falling back
// to the top of the page, and a screen reader hears what happened.

type Announce = (text: string, options?: { focus?: boolean }) => void;
const NoticeContext = createContext<Announce | null>(null);

/** The area's status line, and `useNotice()` for what is inside it; `className` lays out the two. */
export function NoticeArea({ children, className = "flex flex-col gap-3" }: { children: ReactNode; className?: string }) {
  // A new object each time, so the same words said again are said (and focused) again.
  const [notice, setNotice] = useState<{ text: string; focus: boolean } | null>(null);
  const line = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (notice?.focus) line.current?.focus();
  }, [notice]);
  const announce: Announce = (text, { focus = true } = {}) => setNotice({ text, focus });
  return (
    <NoticeContext value={announce}>
      <div className={className}>
        <p ref={line} role="status" tabIndex={-1} className={notice ? "rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-900 outline-offset-2" : "sr-only"}>
          {notice?.text}
        </p>
        {children}
      </div>
    </NoticeContext>
  );
}

/** Says something in the enclosing NoticeArea; does nothing outside one. */
export function useNotice(): Announce {
  return use(NoticeContext) ?? (() => {});
}
