// Security headers every response carries. next.config.js applies them to what Next serves; the live
// stream the production server answers itself (lib/server/live-stream-node.ts) sends the same list,
// so a response that bypasses Next is no weaker. Plain JavaScript: next.config.js imports it as is.
// Geolocation is allowed for this origin only: the browser snaps positions to a coarse area before
// anything is sent (see lib/geo).

/** @type {ReadonlyArray<{ key: string, value: string }>} */
export const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "geolocation=(self), camera=(), microphone=(), interest-cohort=()" },
  {
    key: "Content-Security-Policy",
    value: "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'",
  },
];
