// Security headers, and the text of every Content Security Policy the app sends. Plain JavaScript:
// next.config.js imports it as is.
//
// - securityHeaders(): what every response carries. next.config.js applies them to what Next serves;
//   the live stream the production server answers itself (lib/server/live/live-stream-node.ts) sends the
//   same list, so a response that bypasses Next is no weaker. Their CSP is for what is not a page
//   (JSON, the event stream, images, scripts): such a response is never a document that may run or
//   load anything, so if a browser is ever made to render one, nothing in it runs.
// - pagePolicy(nonce): a page's CSP, set by proxy.ts with a fresh nonce per request. Next.js reads the
//   nonce from the request's CSP header and stamps it on its own scripts; a script someone manages to
//   inject (XSS) has no nonce and does not run, and 'strict-dynamic' lets the trusted scripts load the
//   rest of the app's chunks.
// Geolocation is allowed for this origin only: the browser snaps positions to a coarse area before
// anything is sent (see lib/geo).

// NODE_ENV is not configuration but what Next.js runs as: `next dev` sets "development", `next build`
// and the production server "production" (and bundlers write it in as a constant).
const mode = process.env.NODE_ENV;

const RESOURCE_POLICY = "default-src 'none'; frame-ancestors 'none'";

// Two years, subdomains included: once a browser has seen the site over HTTPS it never tries plain
// HTTP again (no downgrade or cookie theft on a hostile network). Browsers ignore it over plain HTTP,
// so `npm start` on http://localhost is unaffected. Not in development: a dev server has no business
// pinning a hostname (often localhost, shared with other projects) to HTTPS for two years.
const HSTS = "max-age=63072000; includeSubDomains";

/**
 * The headers every response carries.
 * @param {{ production?: boolean }} [options] HSTS only in production (default: this process's NODE_ENV)
 * @returns {Array<{ key: string, value: string }>}
 */
export function securityHeaders({ production = mode === "production" } = {}) {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Referrer-Policy", value: "same-origin" },
    { key: "Permissions-Policy", value: "geolocation=(self), camera=(), microphone=(), interest-cohort=()" },
    { key: "Content-Security-Policy", value: RESOURCE_POLICY },
    ...(production ? [{ key: "Strict-Transport-Security", value: HSTS }] : []),
  ];
}

/**
 * A page's Content Security Policy with this request's nonce.
 * @param {string} nonce fresh and unguessable for every request
 * @param {{ development?: boolean }} [options] default: this process's NODE_ENV
 */
export function pagePolicy(nonce, { development = mode === "development" } = {}) {
  return [
    "default-src 'self'",
    // 'self' is for browsers too old for 'strict-dynamic' (newer ones ignore it and trust only what
    // the nonce's scripts load). React's development build rebuilds server error stacks with eval.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // The production app's styles are one stylesheet: no <style> elements, no style="" attributes in
    // the markup (React and Next set styles through the DOM, which CSP does not govern). In
    // development Next's error overlay and hot reloading insert <style> elements without a nonce.
    `style-src 'self'${development ? " 'unsafe-inline'" : ""}`,
    "img-src 'self'",
    "font-src 'self'",
    // The live stream is same-origin SSE; development's hot reloading is a same-origin WebSocket.
    "connect-src 'self'",
    // Without it, registering the service worker would fall back to script-src, where 'strict-dynamic'
    // makes 'self' void: /sw.js would be refused.
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // No upgrade-insecure-requests: every source is this origin, so on HTTPS there is nothing
    // insecure to upgrade (and HSTS keeps the site itself on HTTPS). Over plain HTTP it breaks the
    // app: opened at a LAN address, Chromium fetched its own scripts and stylesheet from an https://
    // that does not exist (measured: unstyled, never hydrated); at localhost it was spared.
  ].join("; ");
}

/** The service worker may fetch only from this origin (its fetches are governed by its own CSP). */
export const SERVICE_WORKER_POLICY = "default-src 'self'; script-src 'self'";

/**
 * The offline page (public/offline.html) must render from the cache alone, so its style and script are
 * inline: they are allowed by hash, and nothing else is.
 * @param {{ scripts: string[], styles: string[] }} hashes base64 SHA-256 of each inline element's text
 */
export function offlinePagePolicy({ scripts, styles }) {
  const sources = (list) => list.map((hash) => `'sha256-${hash}'`).join(" ") || "'none'";
  return `default-src 'none'; script-src ${sources(scripts)}; style-src ${sources(styles)}; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;
}
