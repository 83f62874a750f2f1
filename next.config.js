import { securityHeaders } from "./lib/security-headers.js";
import { MAX_BODY_BYTES } from "./scripts/lib/body-limit.mjs";

// Security headers (lib/security-headers.js) apply to every response.

// The service worker (public/sw.js): revalidated on every check so a fix reaches everyone on their
// next visit, allowed to control the whole site, and itself allowed to fetch only from this origin.
const serviceWorkerHeaders = [
  { key: "Cache-Control", value: "no-cache" },
  { key: "Service-Worker-Allowed", value: "/" },
  { key: "Content-Security-Policy", value: "default-src 'self'; script-src 'self'" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and server-only packages are loaded by Node at run time, not bundled.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "rate-limiter-flexible"],
  // The server (scripts/server.mjs) refuses larger bodies first, with 413; this is Next's own guard.
  experimental: { serverActions: { bodySizeLimit: MAX_BODY_BYTES } },
  async headers() {
    return [
      { source: "/:path*", headers: [...securityHeaders] },
      { source: "/sw.js", headers: serviceWorkerHeaders },
    ];
  },
};

export default nextConfig;
