// Every page's Content Security Policy, with a nonce made for this request (policy text:
// lib/security-headers.js). DESIGN.md keeps proxy to redirects; this is the one exception, because the
// nonce must exist before the page renders and Next.js stamps its own scripts only with a nonce it
// finds in the request's CSP header. It runs on every page request: keep it to this, no database, no
// session (pages check those themselves).
import { NextResponse, type NextRequest } from "next/server";
import { pagePolicy } from "@/lib/security-headers";

export function proxy(request: NextRequest) {
  // 128 random bits: an attacker who could guess the nonce could run an injected script.
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = pagePolicy(nonce);
  // Overwrites whatever the client sent under that name.
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
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
      source: "/((?!api(?:/|$)|_next/static/|_next/image|icons/|icon\\.svg$|sw\\.js$|manifest\\.webmanifest$|offline\\.html$).*)",
      // A prefetch fetches data for a later navigation, not a document: no policy applies to it.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
