// @ts-check
// Auth.js's cookie remembering where to go after signing in, and its rule for what may be in it.
// A value it rejects makes every Auth.js call in that request fail as a "server configuration"
// error: the endpoints answer 500 and a sign-in from the app's own form silently signs nobody in.
// The app never sets one (its sign-in is a server action that redirects), so an invalid one is
// dropped before Auth.js sees it: by scripts/server.mjs for server actions, by proxy.ts for pages,
// by lib/server/auth/auth-request.ts for /api/auth/*. Pure; plain JavaScript, so the plain-node
// server imports it as is.

const CALLBACK_COOKIES = new Set(["authjs.callback-url", "__Secure-authjs.callback-url"]);

/**
 * Auth.js's rule for a callback URL (an absolute http(s) URL, or a path on this site).
 * @param {string} value
 * @param {string} origin
 * @returns {boolean}
 */
export function isCallbackUrl(value, origin) {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? origin : undefined).protocol);
  } catch {
    return false;
  }
}

/** @param {string} value */
function decoded(value) {
  try {
    return decodeURIComponent(value);
  } catch {
    return null; // Auth.js's cookie parser keeps it as it is: never a URL
  }
}

/**
 * The Cookie header without callback-url cookies Auth.js would reject, or null when there are none
 * (the others stay exactly as sent, the session cookie among them).
 * @param {string | null | undefined} cookieHeader
 * @param {string} origin
 * @returns {string | null}
 */
export function withoutBadCallbackCookies(cookieHeader, origin) {
  if (!cookieHeader) return null;
  const parts = cookieHeader.split(";");
  const kept = parts.filter((part) => {
    const at = part.indexOf("=");
    const name = (at === -1 ? part : part.slice(0, at)).trim();
    if (!CALLBACK_COOKIES.has(name)) return true;
    const value = decoded(
      at === -1
        ? ""
        : part
            .slice(at + 1)
            .trim()
            .replace(/^"(.*)"$/, "$1"),
    );
    return value !== null && (value === "" || isCallbackUrl(value, origin));
  });
  return kept.length === parts.length ? null : kept.join(";");
}
