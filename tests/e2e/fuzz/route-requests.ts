import fc from "fast-check";
import { origins } from "./action-requests";
import type { Outgoing } from "./http";
import { clientAddress, fieldValue, headerSafe, hugeNumber, materialize, urlEncoded, type Value } from "../../support/fuzz-values";

// Requests to the route handlers (app/api/**/route.ts) and to the pages that read params or search
// params, with random methods, headers, cookies, query strings and bodies.

const AUTH_ACTIONS = [
  "session",
  "csrf",
  "providers",
  "signin",
  "signout",
  "callback/credentials",
  "signin/credentials",
  "error",
  "verify-request",
  "callback/nope",
];

const PAGES = [
  "/",
  "/sign-in",
  "/sign-up",
  "/goodbye",
  "/plans",
  "/friends",
  "/notifications",
  "/settings",
  "/settings/precision",
  "/settings/defaults",
  "/settings/retention",
  "/settings/pause",
  "/settings/discovery",
  "/settings/delete-location",
  "/settings/delete-account",
  "/settings/notifications",
  "/settings/data",
  "/settings/ledger",
];

/** A path segment, encoded as a browser would. */
const segment: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }).map(urlEncoded) },
  { weight: 1, arbitrary: fc.constantFrom("%2e%2e%2f", "%00", "..", "a%2Fb", "%25") },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{40,300}$/) },
);

/** Escapes no encoder writes: "%" without two hex digits, or bytes that are not UTF-8. */
const brokenEscape = fc.constantFrom("%", "%f", "%ff", "%E0%A4%A", "%C0%AF", "%ed%a0%80", "a%zz");

const queryKey = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("callbackUrl", "next", "created", "joined", "error", "lastEventId", "csrfToken", "_rsc", "code") },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map(urlEncoded) },
);

const queryValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fieldValue.map((value) => urlEncoded(materialize(value).slice(0, 3_000))) },
  { weight: 1, arbitrary: hugeNumber },
  {
    weight: 1,
    arbitrary: fc.constantFrom("//evil.example", "https://evil.example/now", "javascript:alert(1)", "/\\evil.example", "%ff", "%", "/plans?x=%E0%A4%A"),
  },
);

const query = fc
  .array(fc.tuple(queryKey, queryValue), { maxLength: 4 })
  .map((pairs) => (pairs.length ? `?${pairs.map(([key, value]) => `${key}=${value}`).join("&")}` : ""));

const handlerPath = fc.oneof(
  fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...AUTH_ACTIONS) }, segment).map((action) => `/api/auth/${action}`),
  fc.constantFrom("/api/events", "/api/events/", "/api/events%3F", "/api/export", "/api/export/"),
);
const pagePath = fc.oneof(
  fc.constantFrom(...PAGES),
  segment.map((token) => `/invite/${token}`),
);
const brokenPath = fc
  .tuple(fc.constantFrom("/invite/", "/api/auth/", "/api/auth/callback/", "/friends/", "/"), fc.string({ maxLength: 5 }).map(urlEncoded), brokenEscape)
  .map((parts) => parts.join(""));

const anyMethod = fc.oneof(
  { weight: 5, arbitrary: fc.constant("GET") },
  { weight: 3, arbitrary: fc.constant("POST") },
  { weight: 2, arbitrary: fc.constant("HEAD") },
  { weight: 2, arbitrary: fc.constantFrom("PUT", "DELETE", "PATCH", "OPTIONS", "FUZZ") },
);
const readMethod = fc.oneof({ weight: 4, arbitrary: fc.constant("GET") }, fc.constantFrom("HEAD", "OPTIONS", "DELETE"));

const contentType = fc.constantFrom(
  "application/json",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "multipart/form-data",
  "text/plain",
  "",
);

const headerText = fieldValue.map((value) => headerSafe(materialize(value).slice(0, 2_000)));

const header: fc.Arbitrary<[string, string]> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constant("last-event-id"), fc.oneof(hugeNumber, headerText)) },
  fc.tuple(fc.constant("accept"), fc.constantFrom("text/event-stream", "application/json", "text/x-component", "*/*", "")),
  fc.tuple(fc.constant("rsc"), fc.constantFrom("1", "0", "")),
  fc.tuple(
    fc.constant("next-router-state-tree"),
    fc.oneof(
      headerText,
      fc.jsonValue().map((value) => encodeURIComponent(JSON.stringify(value))),
    ),
  ),
  fc.tuple(fc.constant("next-router-prefetch"), fc.constantFrom("1", "2", "")),
  fc.tuple(fc.constant("next-url"), headerText),
  fc.tuple(fc.constant("sec-fetch-site"), fc.oneof(fc.constantFrom("cross-site", "same-site", "same-origin", "none"), headerText)),
  fc.tuple(fc.constant("origin"), origins.map(headerSafe)),
  fc.tuple(fc.constant("content-type"), contentType),
  fc.tuple(fc.constant("range"), fc.constantFrom("bytes=0-1", "bytes=-1", "bytes=5-2", "bytes=x")),
  fc.tuple(fc.constantFrom("if-none-match", "if-modified-since", "accept-language", "user-agent", "referer"), headerText),
  fc.tuple(fc.constant("x-forwarded-for"), headerText),
  fc.tuple(fc.stringMatching(/^x-[a-z0-9-]{1,20}$/), headerText),
);

export type CookieChoice = { kind: "none" } | { kind: "session" } | { kind: "raw"; value: string };

const cookie: fc.Arbitrary<CookieChoice> = fc.oneof(
  fc.constant({ kind: "none" as const }),
  { weight: 2, arbitrary: fc.constant({ kind: "session" as const }) },
  fc
    .oneof(
      fc.base64String({ maxLength: 200 }).map((token) => `authjs.session-token=${token}`),
      headerText.map((text) => `authjs.session-token=${text}; authjs.csrf-token=${text}`),
      headerText.map((text) => `authjs.callback-url=${text}`),
      headerText,
    )
    .map((value) => ({ kind: "raw" as const, value })),
);

const body: fc.Arbitrary<Value | null> = fc.oneof(
  fc.constant(null),
  fc
    .array(
      fc.tuple(
        fc.constantFrom("csrfToken", "email", "password", "callbackUrl", "redirect", "json"),
        fieldValue.map((value) => materialize(value).slice(0, 5_000)),
      ),
      { maxLength: 4 },
    )
    .map((pairs) => new URLSearchParams(pairs).toString()),
  fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
  fieldValue,
);

export type RouteCase = { method: string; target: string; headers: [string, string][]; cookie: CookieChoice; body: Value | null; address: string };

function cases(
  method: fc.Arbitrary<string>,
  path: fc.Arbitrary<string>,
  bodies: fc.Arbitrary<Value | null>,
  first: fc.Arbitrary<[string, string][]> = fc.constant([]),
): fc.Arbitrary<RouteCase> {
  return fc.record({
    method,
    target: fc.tuple(path, query).map(([pathname, search]) => pathname + search),
    headers: fc.tuple(first, fc.array(header, { maxLength: 4 })).map(([given, more]) => [...given, ...more]),
    cookie,
    body: bodies,
    address: clientAddress,
  });
}

/** One property each, so one broken path does not hide the others. */
export const ROUTE_FAMILIES = {
  "route handlers (app/api/**/route.ts), any method": cases(anyMethod, handlerPath, body),
  "pages with params and search params, read": cases(readMethod, pagePath, fc.constant(null)),
  // A multipart or urlencoded POST may be a no-JavaScript form's server action: Next decodes it to see.
  "pages, POST without a server action": cases(
    fc.constant("POST"),
    pagePath,
    body,
    contentType.map((type) => [["content-type", type]]),
  ),
  "paths with percent escapes no encoder writes": cases(anyMethod, brokenPath, fc.constant(null)),
};

export function routeRequest(route: RouteCase, sessionCookie: string): Outgoing {
  const headers: Record<string, string> = { "x-forwarded-for": route.address };
  for (const [name, value] of route.headers) headers[name] = value;
  if (route.cookie.kind === "session") headers.cookie = sessionCookie;
  if (route.cookie.kind === "raw") headers.cookie = route.cookie.value;
  const sendsBody = route.body !== null && !["GET", "HEAD"].includes(route.method);
  return { method: route.method, path: route.target, headers, ...(sendsBody ? { body: Buffer.from(materialize(route.body!), "utf8") } : {}) };
}
