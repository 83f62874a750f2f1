"use client";

import { useEffect } from "react";

const QUESTION = "You have changes that are not saved. Leave this page anyway?";

// Forms on the page with changes not saved; one set of listeners serves them all, so leaving asks once.
let unsaved = 0;

function onBeforeUnload(event: BeforeUnloadEvent) {
  event.preventDefault();
  event.returnValue = ""; // browsers from before preventDefault() was enough
}

/** A click on a link to another page of this site: Next navigates those itself, without beforeunload. */
function onClick(event: MouseEvent) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!(link instanceof HTMLAnchorElement) || link.hasAttribute("download") || (link.target && link.target !== "_self")) return;
  const to = new URL(link.href, location.href);
  // Other sites unload the page (beforeunload asks); a link within this page leaves nothing.
  if (to.origin !== location.origin || (to.pathname === location.pathname && to.search === location.search)) return;
  if (!window.confirm(QUESTION)) event.preventDefault();
}

/** A form marked `data-leaves-page` (signing out) takes the person away when it is sent. */
function onSubmit(event: SubmitEvent) {
  if (!(event.target instanceof HTMLFormElement) || !event.target.hasAttribute("data-leaves-page")) return;
  if (window.confirm(QUESTION)) return;
  // Before React sees it: no action runs, and the browser does not send the form either.
  event.preventDefault();
  event.stopPropagation();
}

/** While `active`, leaving the page — a link within the site, signing out, a reload, closing the tab — asks first. */
export function useLeaveGuard(active: boolean) {
  useEffect(() => {
    if (!active) return;
    if (unsaved++ === 0) {
      window.addEventListener("beforeunload", onBeforeUnload);
      document.addEventListener("click", onClick, true);
      document.addEventListener("submit", onSubmit, true);
    }
    return () => {
      if (--unsaved === 0) {
        window.removeEventListener("beforeunload", onBeforeUnload);
        document.removeEventListener("click", onClick, true);
        document.removeEventListener("submit", onSubmit, true);
      }
    };
  }, [active]);
}
