// Overlap's service worker. Two jobs, no library:
//   1. When a page cannot be loaded because the device is offline, show /offline.html instead.
//   2. Show Web Push notifications and open the right page when one is clicked.
// Privacy: the only thing ever cached is the offline page, which holds nothing personal. Pages, API
// responses and the live stream may carry personal data, so they always go to the network and are
// never stored on the device by this worker.
// Registered by components/pwa/register-service-worker.tsx; served with `Cache-Control: no-cache`
// (next.config.js) so that a new version is picked up on the next visit.

// The cache name carries a hash of offline.html, so a changed page replaces the old copy:
// tests/unit/service-worker.test.ts fails (and prints the new name) until it is updated.
const CACHE = "overlap-offline-c519e82b";
const OFFLINE_PAGE = "/offline.html";
// Where a notification without a usable address of its own leads.
const INBOX = "/notifications";
const ICON = "/icons/icon-192.png";
const BADGE = "/icons/badge-96.png";

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // "reload": the copy from the server, not one the HTTP cache may hold from an older deploy.
      await cache.add(new Request(OFFLINE_PAGE, { cache: "reload" }));
      // Open pages depend on nothing an older version holds: take over as soon as installed.
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      // Earlier versions' copies of the offline page.
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith("overlap-offline-") && name !== CACHE).map((name) => caches.delete(name)));
      // Start the network request for a page while the worker boots, rather than after.
      await self.registration.navigationPreload?.enable();
      await self.clients.claim();
    })(),
  );
});

// Page loads only: network first, the offline page when the network fails. Everything else
// (scripts, API calls, server actions, the live stream, form posts) is not touched at all.
self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.mode !== "navigate" || request.method !== "GET") return;
  event.respondWith(
    (async () => {
      try {
        return (await event.preloadResponse) || (await fetch(request));
      } catch {
        const cache = await caches.open(CACHE);
        return (await cache.match(OFFLINE_PAGE)) || Response.error();
      }
    })(),
  );
});

// The server sends `{ title, body, url, tag }`. A notification is shown for every push, even a
// malformed one (browsers penalise push without a notification). The tag makes a retried delivery of
// the same notification replace the earlier one instead of showing it twice.
self.addEventListener("push", (event) => {
  const message = readPush(event.data);
  event.waitUntil(
    self.registration.showNotification(message.title, {
      body: message.body,
      tag: message.tag,
      data: { url: message.url },
      icon: ICON,
      badge: BADGE,
    }),
  );
});

function readPush(data) {
  try {
    const { title, body, url, tag } = data.json();
    // `url` is checked when the notification is clicked (sameOriginPath).
    if (typeof title === "string" && title && typeof body === "string" && typeof tag === "string" && tag) {
      return { title, body, url, tag };
    }
  } catch {
    // No payload, or not JSON: fall through to the generic notification.
  }
  return { title: "Overlap", body: "Something new for you", url: INBOX, tag: "overlap" };
}

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(openInApp(sameOriginPath(event.notification.data?.url)));
});

// Only a path on this site: a push payload must never send someone to another site.
function sameOriginPath(url) {
  if (typeof url !== "string" || !url.startsWith("/")) return INBOX;
  try {
    const target = new URL(url, self.location.origin);
    if (target.origin === self.location.origin) return target.pathname + target.search + target.hash;
  } catch {
    // Unparseable: use the inbox.
  }
  return INBOX;
}

// Reuse an open Overlap window if there is one, else open a new one. Only windows this worker controls
// are listed, because only those can be navigated.
async function openInApp(path) {
  const windows = await self.clients.matchAll({ type: "window" });
  const existing = windows.find((client) => client.focused) ?? windows[0];
  if (existing) {
    try {
      await existing.focus();
      await existing.navigate(path);
      return;
    } catch {
      // Closed or navigated away meanwhile: open a new window instead.
    }
  }
  await self.clients.openWindow(path);
}
