import "server-only";
import { randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import { NextRequest } from "next/server";
import { cache } from "react";
import { env } from "@/lib/env";
import { decodeSessionToken } from "@/lib/session-token";
import type { SessionUser } from "@/lib/views/account";
import { db } from "../db";
import { wakeUsers } from "../live/notifications";
import { sql, statement, transaction } from "../sql";

// Who is signed in for a request, decided here and nowhere else: the session cookie (written by
// Auth.js, auth.ts, in lib/session-token.js's format) names a row in `sessions`, and that row must
// exist, be unexpired and belong to an enabled account — checked on every request, so signing out,
// disabling or deleting an account ends the session at once. Two doors read the cookie: Next's pages,
// actions and route handlers (`currentSession()`, through `cookies()`), and the live stream the
// production server serves outside Next (`sessionFromCookieHeader()`, live-stream-node.ts), which
// parses the raw header with Next's own cookie parser so both apply one rule to the same bytes.

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** A signed-in request's session: its id (for checks later in a long request) and its user. */
export type SignedIn = { sessionId: string; user: SessionUser };

export async function createSession(userId: string): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await db().session.create({
    data: { id, userId, expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) },
    select: { id: true },
  });
  return id;
}

/** The signed-in user behind a session id, or null once the session is ended, expired or the user disabled. */
// Plain SQL (lib/server/sql.ts): every signed-in request runs this.
export async function getSessionUser(sessionId: string): Promise<SessionUser | null> {
  const [user] = await sql.rows(SESSION_USER, [sessionId, new Date()]);
  return user ?? null;
}

const SESSION_USER = statement(
  `SELECT u.id, u.display_name AS "displayName", u.handle FROM sessions s JOIN users u ON u.id = s.user_id
   WHERE s.id = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL`,
  ["text", "timestamptz"],
  { id: "uuid", displayName: "text", handle: "text" },
);

/**
 * Ends a session (signing out) and wakes its user's open live streams, in any app process: each
 * checks its session again at once, and the one on this session closes instead of waiting for
 * the next notification or its end.
 */
export async function deleteSession(sessionId: string): Promise<void> {
  await transaction(async (tx) => {
    const ended = await tx.rows(END_SESSION, [sessionId]);
    await wakeUsers(
      tx,
      ended.map((row) => row.userId),
    );
  });
}

const END_SESSION = statement(`DELETE FROM sessions WHERE id = $1 RETURNING user_id AS "userId"`, ["text"], { userId: "uuid" });

/** The session a session id names, if it is live: unexpired, and the account enabled. */
export async function signedInAs(sessionId: string | null | undefined): Promise<SignedIn | null> {
  const user = sessionId ? await getSessionUser(sessionId) : null;
  return user && sessionId ? { sessionId, user } : null;
}

/** Auth.js names the cookie with the __Secure- prefix when the site is served over https. */
const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

/** What a cookie jar must offer: Next's `cookies()` and `NextRequest#cookies` both do. */
type CookieJar = { get(name: string): { value: string } | undefined };

// Decoding a cookie (AES-GCM under a cached key, lib/session-token.js) still costs ~0.15 ms of CPU,
// and every page, live stream and action of a signed-in browser sends the same one. A cookie that
// decoded is an unforgeable ciphertext, so what it named is remembered (bounded, until its expiry);
// the session row is still checked on every request. Kept on globalThis: one cache per process, shared
// by Next's routes and the live stream served beside them (separate bundles, one process).
const globals = globalThis as typeof globalThis & { __decodedSessionCookies?: Map<string, { sid: string; expiresAt: number }> };
const decoded = (globals.__decodedSessionCookies ??= new Map());
const DECODED_MAX = 10_000;

async function sessionIdIn(name: string, value: string): Promise<string | null> {
  // Keyed by name too: a value decodes only under the name it was encrypted for (the name is its
  // salt), and a remembered one must not let it pass under the other, e.g. a __Secure- cookie's
  // value planted under the plain name, which a page served over http could set.
  const key = `${name}=${value}`;
  const known = decoded.get(key);
  if (known && known.expiresAt > Date.now()) return known.sid;
  const token = await decodeSessionToken({ token: value, secret: env().AUTH_SECRET, salt: name }).catch(() => null);
  if (typeof token?.sid !== "string") return null;
  if (decoded.size >= DECODED_MAX) decoded.delete(decoded.keys().next().value!);
  decoded.set(key, { sid: token.sid, expiresAt: (token.exp ?? 0) * 1000 });
  return token.sid;
}

/** The session id the jar's session cookie names, if it carries a valid one. */
async function sessionIdInJar(jar: CookieJar): Promise<string | null> {
  for (const name of SESSION_COOKIES) {
    const value = jar.get(name)?.value;
    const sid = value ? await sessionIdIn(name, value) : null;
    if (sid) return sid;
  }
  return null;
}

/** The session id this request's cookie names, if it carries a valid one (live or not). */
export async function currentSessionId(): Promise<string | null> {
  return sessionIdInJar(await cookies());
}

/**
 * The signed-in session of this request, read once per request. (Read directly rather than through
 * Auth.js's `auth()`, which would also re-encrypt a fresh cookie on every request — the row's expiry
 * is what counts here.)
 */
export const currentSession = cache(async (): Promise<SignedIn | null> => signedInAs(await currentSessionId()));

/**
 * The session a raw Cookie header names, for a request that never enters Next: the same cookies,
 * decoding and row check as `currentSession()`. The header is parsed by a `NextRequest`, the parser
 * behind `cookies()`; a header that `Headers` refuses signs nobody in (fail closed).
 */
export async function sessionFromCookieHeader(header: string | undefined): Promise<SignedIn | null> {
  let jar: CookieJar;
  try {
    jar = new NextRequest("http://localhost/", { headers: header ? { cookie: header } : {} }).cookies;
  } catch {
    return null;
  }
  return signedInAs(await sessionIdInJar(jar));
}
