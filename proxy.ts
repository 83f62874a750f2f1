// Every page's Content Security Policy, with a nonce made for this request (policy text:
// lib/security-headers.js), a 400 for forms posted without JavaScript that Next.js could not decode
// (lib/action-request.js), and no callback-url cookie Auth.js would reject (lib/auth-callback-url.js).
// DESIGN.md keeps proxy to redirects; these are the exceptions: the nonce must exist before the page
// renders (Next.js stamps its own scripts only with a nonce it finds in the request's CSP header),
// and Next decodes an action's body before any app code runs.
// It runs on every page request: keep it to this, no database, no session (pages check those).
// Not on server actions React sends (a `Next-Action` header): their answer is not a page, so needs no
// nonce, and scripts/server.mjs gives them the same body check and cookie rule before Next, without
// this hop's cost on the busiest write (posting a plan).
import { NextResponse, type NextRequest } from "next/server";
import { isUndecodableAction } from "@/lib/action-request";
import { withoutBadCallbackCookies } from "@/lib/auth-callback-url";
import { pagePolicy } from "@/lib/security-headers";

export async function proxy(request: NextRequest) {
  if (await isUndecodableAction(request)) {
    return new NextResponse("This form could not be read. Reload the page and try again.", {
      status: 400,
      headers: { "Content-Type": "text/plain;charset=UTF-8", "Cache-Control": "no-store" },
    });
  }
  // 128 random bits: an attacker who could guess the nonce could run an injected script.
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = pagePolicy(nonce);
  // Overwrites whatever the client sent under that name.
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
  // A callback-url cookie Auth.js would reject breaks the sign-in action silently (lib/auth-callback-url.js).
  const cookies = withoutBadCallbackCookies(request.headers.get("cookie"), request.nextUrl.origin);
  if (cookies !== null) headers.set("cookie", cookies);
  const response = NextResponse.next({ request: { headers } });
  // Replaces the static policy next.config.js gives every response.
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only. Not: route handlers (JSON and the live stream keep the static policy, which allows
      // nothing), build output, icons, the service worker, the manifest, and the offline page (which has
      // a policy of its own: next.config.js).
      // Prefetches too (Next's guide leaves them out to save work): a header a client can add to any
      // request must not be a way around the action check.
      source: "/((?!api(?:/|$)|_next/static/|_next/image|icons/|icon\\.svg$|sw\\.js$|manifest\\.webmanifest$|offline\\.html$).*)",
      missing: [{ type: "header", key: "next-action" }],
    },
  ],
};
