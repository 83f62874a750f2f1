// Security headers apply to every response. Geolocation is allowed for this origin only:
// the browser snaps positions to a coarse area before anything is sent (see lib/geo).
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "geolocation=(self), camera=(), microphone=(), interest-cohort=()" },
  {
    key: "Content-Security-Policy",
    value: "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'",
  },
];

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
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/sw.js", headers: serviceWorkerHeaders },
    ];
  },
};

export default nextConfig;
