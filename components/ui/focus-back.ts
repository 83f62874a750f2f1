import { useEffect, useRef, type RefObject } from "react";

/**
 * Puts keyboard focus back on `trigger` when what it opened (a question, an edit form) closes: the
 * panel that had focus is gone, and focus would otherwise fall back to the top of the page.
 */
export function useFocusBack(open: boolean, trigger: RefObject<HTMLElement | null>) {
  const wasOpen = useRef(false);
  useEffect(() => {
    if (wasOpen.current && !open) trigger.current?.focus();
    wasOpen.current = open;
  }, [open, trigger]);
}
