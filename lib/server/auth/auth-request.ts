import "server-only";
import { NextRequest } from "next/server";
import { isCallbackUrl, withoutBadCallbackCookies } from "@/lib/auth-callback-url";
import { env } from "@/lib/env";

// What the Auth.js endpoints (/api/auth/*) are handed: the request as the browser addressed it,
// without the parts a client can make up that Auth.js would answer with a 500.

/**
 * Auth.js builds its redirects from the request's URL, and Next builds that from the address the
 * server listens on — `http://0.0.0.0:3000/…` with HOSTNAME=0.0.0.0, a page no browser can open.
 * Unless AUTH_URL names the public address, the URL is rebuilt from the Host the browser asked
 * for (the host Auth.js already trusts, `trustHost`), and the scheme a proxy says it was reached by.
 */
export function asAddressed(request: NextRequest): NextRequest {
  if (env().AUTH_URL) return request;
  const host = request.headers.get("host");
  const forwardedProto = request.headers.get("x-forwarded-proto");
  if (!host) return request;
  try {
    const url = new URL(request.url);
    const scheme = forwardedProto === "https" || forwardedProto === "http" ? `${forwardedProto}:` : url.protocol;
    const addressed = new URL(`${url.pathname}${url.search}`, `${scheme}//${host}`);
    return addressed.origin === url.origin ? request : new NextRequest(addressed, request);
  } catch {
    return request; // not a host: Next's own URL, as before
  }
}

/** A callback URL Auth.js would reject (lib/auth-callback-url.js), in the query or a cookie, is dropped. */
export function withoutBadCallbackUrls(request: NextRequest): NextRequest {
  const { origin } = request.nextUrl;
  const url = new URL(request.url);
  const query = url.searchParams.get("callbackUrl");
  const badQuery = query !== null && !isCallbackUrl(query, origin);
  const cookies = withoutBadCallbackCookies(request.headers.get("cookie"), origin);
  if (!badQuery && cookies === null) return request;
  if (badQuery) url.searchParams.delete("callbackUrl");
  const headers = new Headers(request.headers);
  if (cookies !== null) headers.set("cookie", cookies);
  return new NextRequest(url, new Request(request, { headers }));
}

/** The request the Auth.js endpoints are handed. */
export function forAuthJs(request: NextRequest): NextRequest {
  return withoutBadCallbackUrls(asAddressed(request));
}
