import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { networkInterfaces } from "node:os";
import { offlinePagePolicy, securityHeaders, SERVICE_WORKER_POLICY } from "./lib/security-headers.js";
import { MAX_BODY_BYTES } from "./scripts/lib/request-shape.mjs";

// Security headers (lib/security-headers.js) apply to every response; pages get their own CSP, with
// a nonce, from proxy.ts (it replaces the static one).

// The service worker (public/sw.js): revalidated on every check so a fix reaches everyone on their
// next visit, allowed to control the whole site, and itself allowed to fetch only from this origin.
const serviceWorkerHeaders = [
  { key: "Cache-Control", value: "no-cache" },
  { key: "Service-Worker-Allowed", value: "/" },
  { key: "Content-Security-Policy", value: SERVICE_WORKER_POLICY },
];

/** Base64 SHA-256 of the text of each `<tag>` element in the page, as CSP hash sources want them. */
function inlineHashes(html, tag) {
  return [...html.matchAll(new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, "g"))].map(([, text]) =>
    createHash("sha256").update(text, "utf8").digest("base64"),
  );
}

// Hashed from the file at build time, so an edit to the page cannot leave a stale policy behind.
const offlinePage = readFileSync(new URL("./public/offline.html", import.meta.url), "utf8");
const offlinePageHeaders = [
  { key: "Content-Security-Policy", value: offlinePagePolicy({ scripts: inlineHashes(offlinePage, "script"), styles: inlineHashes(offlinePage, "style") }) },
];

// `npm run dev` serves its scripts only to pages opened at an address it knows (Next's dev-origin
// rule): besides localhost, 127.0.0.1 and this machine's network addresses — the one the terminal
// prints for trying the app on a phone — or the page loads but never comes alive.
const devOrigins = [
  "127.0.0.1",
  ...Object.values(networkInterfaces()).flatMap((addresses) =>
    (addresses ?? []).filter((address) => address.family === "IPv4").map((address) => address.address),
  ),
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  allowedDevOrigins: [...new Set(devOrigins)],
  // The development badge, top left: at the bottom it covers the phone layout's first tab.
  devIndicators: { position: "top-left" },
  poweredByHeader: false,
  // Native and server-only packages are loaded by Node at run time, not bundled.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "rate-limiter-flexible"],
  // The server (scripts/server.mjs) refuses larger bodies first, with 413; this is Next's own guard.
  experimental: { serverActions: { bodySizeLimit: MAX_BODY_BYTES } },
  // The plans page was called "Now" and lived at /now: bookmarks, installed apps and notifications
  // sent before the rename keep working. A permanent redirect (308) keeps the query string. The
  // privacy settings were one long page at /settings/privacy; they are now the settings index.
  async redirects() {
    return [
      { source: "/now", destination: "/plans", permanent: true },
      { source: "/settings/privacy", destination: "/settings", permanent: true },
    ];
  },
  async headers() {
    // Later entries win for the same header.
    return [
      { source: "/:path*", headers: securityHeaders() },
      { source: "/sw.js", headers: serviceWorkerHeaders },
      { source: "/offline.html", headers: offlinePageHeaders },
    ];
  },
};

export default nextConfig;
