import "server-only";
import { NextRequest } from "next/server";
import { env } from "@/lib/env";

// What the Auth.js endpoints (/api/auth/*) are handed: the request as the browser addressed it,
// without the parts a client can make up that Auth.js would answer with a 500.

/** Auth.js's own names for the cookie that remembers where to go after signing in. */
const CALLBACK_COOKIES = ["authjs.callback-url", "__Secure-authjs.callback-url"];

/** Auth.js's rule for a callback URL; it answers 500 ("server configuration") to anything else. */
function isCallbackUrl(value: string, origin: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? origin : undefined).protocol);
  } catch {
    return false;
  }
}

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

/**
 * A callback URL (query or cookie) that is not one is dropped, so Auth.js goes where it would have
 * without it; the app itself never sends one (sign-in is a server action that redirects).
 */
export function withoutBadCallbackUrls(request: NextRequest): NextRequest {
  const { origin } = request.nextUrl;
  const url = new URL(request.url);
  const query = url.searchParams.get("callbackUrl");
  const badQuery = query !== null && !isCallbackUrl(query, origin);
  const badCookies = CALLBACK_COOKIES.filter((name) => {
    const value = request.cookies.get(name)?.value;
    return value !== undefined && !isCallbackUrl(value, origin);
  });
  if (!badQuery && badCookies.length === 0) return request;
  if (badQuery) url.searchParams.delete("callbackUrl");
  const headers = new Headers(request.headers);
  if (badCookies.length > 0) {
    // The others exactly as sent (the session cookie among them).
    const kept = (request.headers.get("cookie") ?? "").split(";").filter((part) => !badCookies.includes(part.split("=")[0]!.trim()));
    headers.set("cookie", kept.join(";"));
  }
  return new NextRequest(url, new Request(request, { headers }));
}

/** The request the Auth.js endpoints are handed. */
export function forAuthJs(request: NextRequest): NextRequest {
  return withoutBadCallbackUrls(asAddressed(request));
}
