// The server's first look at a request (scripts/server.mjs): what no browser sends, and what the
// framework would answer with a 500 from deep inside, is refused here with a 4xx before Next sees it.
//
// The largest request body the app reads. Its forms carry a few hundred bytes (a plan, a push
// subscription); a bigger body is refused before anything parses it, with 413 — not a 500 from
// deep inside the framework. Bodies of unknown length (chunked) are refused with 411: every
// browser form and fetch of a FormData or string says its length.
// next.config.js gives server actions the same limit.

import { securityHeaders } from "../../lib/security-headers.js";

export const MAX_BODY_BYTES = 64 * 1024;

/** The headers of an answer the server gives before Next (a refusal): plain text, and every response's security headers. */
export const REFUSAL_HEADERS = {
  ...Object.fromEntries(securityHeaders().map(({ key, value }) => [key, value])),
  "Content-Type": "text/plain;charset=UTF-8",
  "Cache-Control": "no-store",
  Connection: "close",
};
const TEXT = REFUSAL_HEADERS;

/**
 * Answers a request whose body is too large, or of unknown length, and returns true; false when
 * the request may go on. `headers` is Node's IncomingHttpHeaders.
 */
export function refuseUnreadableBody(req, res, maxBytes = MAX_BODY_BYTES) {
  const declared = req.headers["content-length"];
  if (declared === undefined) {
    if (req.headers["transfer-encoding"] === undefined) return false; // no body at all
    res.writeHead(411, TEXT);
    res.end("Send the request with a Content-Length.");
    return true;
  }
  if (/^\d{1,15}$/.test(declared) && Number(declared) <= maxBytes) return false;
  res.writeHead(413, TEXT);
  res.end("That request is too large.");
  return true;
}

/**
 * Answers, and returns true for, a request whose path does not decode (`/invite/%ff`: Next fails
 * rendering it) or a POST whose Origin is not this site's (Next refuses a cross-site server action,
 * but with a 500; an Origin that is not a URL fails before its check). Browsers send Origin with
 * every POST; a request without one is left to the app's own checks.
 */
function publicHost() {
  try {
    return process.env.AUTH_URL ? new URL(process.env.AUTH_URL).host : undefined;
  } catch {
    return undefined; // lib/env.ts stops the app with a clear message
  }
}

export function refuseMalformedRequest(req, res) {
  const query = req.url.indexOf("?");
  try {
    decodeURIComponent(query === -1 ? req.url : req.url.slice(0, query));
  } catch {
    res.writeHead(400, TEXT);
    res.end("That address is not a valid one.");
    return true;
  }
  const origin = req.headers.origin;
  if (req.method !== "POST" || origin === undefined) return false;
  // The hosts this site answers as: the one the request names (as Next's own check reads it), and
  // AUTH_URL's, for a proxy that rewrites Host.
  const hosts = [req.headers["x-forwarded-host"] ?? req.headers.host, publicHost()];
  let sameSite = false;
  try {
    sameSite = hosts.includes(new URL(origin).host);
  } catch {
    // not a URL ("null" from a sandboxed frame, or made up): not this site
  }
  if (sameSite) return false;
  res.writeHead(403, TEXT);
  res.end("Requests from other sites are refused.");
  return true;
}
