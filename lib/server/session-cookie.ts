import "server-only";
// The parser behind Next's own `cookies()`: a Cookie header read here yields exactly the values a
// page or route handler would see, so both doors apply one rule to the same bytes.
import { RequestCookies } from "next/dist/server/web/spec-extension/cookies";
import { env } from "@/lib/env";
import { decodeSessionToken } from "@/lib/session-token";
import type { SessionUser } from "@/lib/views/account";
import { getSessionUser } from "./sessions";

// Who a request's session cookie names, for code that has Next's `cookies()` (auth.ts) and for code
// that has only the raw Cookie header (the live stream served outside Next, live-stream-node.ts).

/** Auth.js names the cookie with the __Secure- prefix when the site is served over https. */
export const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

/** What a cookie jar must offer: Next's `cookies()` and `RequestCookies` both do. */
export type CookieJar = { get(name: string): { value: string } | undefined };

// Decoding a cookie (AES-GCM under a cached key, lib/session-token.js) still costs ~0.15 ms of CPU,
// and every page, live stream and action of a signed-in browser sends the same one. A cookie that
// decoded is an unforgeable ciphertext, so what it named is remembered (bounded, until its expiry);
// the session row is still checked on every request. Kept on globalThis: one cache per process, shared
// by Next's routes and the live stream served beside them (separate bundles, one process).
const globals = globalThis as typeof globalThis & { __decodedSessionCookies?: Map<string, { sid: string; expiresAt: number }> };
const decoded = (globals.__decodedSessionCookies ??= new Map());
const DECODED_MAX = 10_000;

async function sessionIdIn(name: string, value: string): Promise<string | null> {
  const known = decoded.get(value);
  if (known && known.expiresAt > Date.now()) return known.sid;
  const token = await decodeSessionToken({ token: value, secret: env().AUTH_SECRET, salt: name }).catch(() => null);
  if (typeof token?.sid !== "string") return null;
  if (decoded.size >= DECODED_MAX) decoded.delete(decoded.keys().next().value!);
  decoded.set(value, { sid: token.sid, expiresAt: (token.exp ?? 0) * 1000 });
  return token.sid;
}

/** The session id the jar's session cookie names, if it carries a valid one. */
export async function sessionIdInJar(jar: CookieJar): Promise<string | null> {
  for (const name of SESSION_COOKIES) {
    const value = jar.get(name)?.value;
    const sid = value ? await sessionIdIn(name, value) : null;
    if (sid) return sid;
  }
  return null;
}

/** The jar a raw Cookie header makes, parsed as Next parses it; a header Headers refuses is no cookie. */
export function cookieJarOf(header: string | undefined): CookieJar {
  const headers = new Headers();
  try {
    if (header) headers.set("cookie", header);
  } catch {
    // An unparseable header signs nobody in (fail closed).
  }
  return new RequestCookies(headers);
}

/** A signed-in request's session: its id (for checks later in a long request) and its user. */
export type SignedIn = { sessionId: string; user: SessionUser };

/** The session a session id names, if it is live: unexpired, and the account enabled. */
export async function signedInAs(sessionId: string | null): Promise<SignedIn | null> {
  const user = sessionId ? await getSessionUser(sessionId) : null;
  return user && sessionId ? { sessionId, user } : null;
}

/**
 * The session a raw Cookie header names: the same cookies, decoding and session-row check
 * (unexpired, account enabled) as `currentSession()`, for a request that never enters Next.
 */
export async function sessionFromCookieHeader(header: string | undefined): Promise<SignedIn | null> {
  return signedInAs(await sessionIdInJar(cookieJarOf(header)));
}
