"use client";

import { useEffect } from "react";

// The service worker (public/sw.js) gives the installed app its offline page and shows push
// notifications. Development builds go without it, so that nothing stands between the dev server
// and the browser; browsers without service workers simply go without.

// NODE_ENV is not configuration but a constant Next.js writes into the client bundle at build time
// (lib/env.ts, the home of configuration, is for the server).
// eslint-disable-next-line no-restricted-properties
const productionBuild = process.env.NODE_ENV === "production";

let registering: Promise<ServiceWorkerRegistration> | null = null;

/** Registers /sw.js once per page load; null where there is no service worker to register. */
export function registerServiceWorker(): Promise<ServiceWorkerRegistration> | null {
  if (!productionBuild || typeof navigator === "undefined" || !("serviceWorker" in navigator)) {
    return null;
  }
  registering ??= navigator.serviceWorker.register("/sw.js", { scope: "/", updateViaCache: "none" }).catch((error: unknown) => {
    registering = null; // let a later call try again
    throw error;
  });
  return registering;
}

/**
 * The active registration, for features that need one (subscribing to push): waits until the worker
 * is active. Null where there is none (unsupported browser, development build).
 */
export async function serviceWorkerRegistration(): Promise<ServiceWorkerRegistration | null> {
  const registration = registerServiceWorker();
  if (!registration) return null;
  await registration;
  return navigator.serviceWorker.ready;
}

/** Mounted once in the root layout. Renders nothing. */
export function RegisterServiceWorker() {
  useEffect(() => {
    // A failed registration costs only the offline page and push; the app works without them.
    const register = () => registerServiceWorker()?.catch((error: unknown) => console.warn("Service worker not registered:", error));
    // On a first visit, installing the worker waits until the page itself has loaded.
    if (document.readyState === "complete") {
      register();
      return;
    }
    window.addEventListener("load", register, { once: true });
    return () => window.removeEventListener("load", register);
  }, []);
  return null;
}
