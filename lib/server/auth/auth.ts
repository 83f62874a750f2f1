import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { redirect } from "next/navigation";
import type { NextRequest } from "next/server";
import { env } from "@/lib/env";
import { decodeSessionToken, encodeSessionToken } from "@/lib/session-token";
import { signInSchema } from "@/lib/validation/auth";
import type { SessionUser } from "@/lib/views/account";
import { verifyCredentials } from "./accounts";
import { consumeAll, reset, SIGN_IN_FAILURES_PER_ACCOUNT, SIGN_IN_FAILURES_PER_ACCOUNT_AND_IP, SIGN_IN_FAILURES_PER_IP, type LimitedKey } from "../rate-limit";
import { forAuthJs } from "./auth-request";
import { logThrottled } from "../log";
import { clientIp } from "./request";
import { createSession, currentSession, currentSessionId, deleteSession, SESSION_MAX_AGE_SECONDS, signedInAs } from "./sessions";

declare module "next-auth" {
  interface Session {
    user: SessionUser;
  }
}
declare module "@auth/core/jwt" {
  interface JWT {
    /** Id of the server-side session row; the only thing the encrypted cookie needs to carry. */
    sid?: string;
    user?: SessionUser;
  }
}

/** Raised from `authorize` when a limit is used up; `code` carries the wait in seconds. */
export class SignInRateLimited extends CredentialsSignin {
  constructor(retryAfterSeconds: number) {
    super();
    this.code = `rate_limited:${retryAfterSeconds}`;
  }
}

const REQUEST_ERRORS = new Set(["MissingCSRF", "UnknownAction", "InvalidProvider", "InvalidCallbackUrl", "InvalidCheck"]);

function config(): NextAuthConfig {
  return {
    secret: env().AUTH_SECRET,
    // Self-hosted: the Host header is the app's own (set AUTH_URL behind a proxy that rewrites it).
    trustHost: true,
    // Credentials sign-in requires the JWT strategy; the JWT only names a row in `sessions`, which is
    // checked on every request, so signing out, deleting or disabling a user takes effect at once.
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    // The cookie's format (lib/session-token.js): cheaper to decode than Auth.js's default, and the
    // same functions sessions.ts reads it with on every request.
    jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    logger: {
      // A wrong password or a stale/forged cookie is routine, not a server error; logging each one
      // would also put who-tried-what into the logs.
      error(error) {
        const type = (error as { type?: string }).type;
        if (type === "CredentialsSignin" || type === "JWTSessionError") return;
        // Requests anyone can make (no CSRF token, an action or provider we do not have): one
        // throttled line, so a client cannot fill the log.
        if (type && REQUEST_ERRORS.has(type)) return logThrottled("auth-bad-request", `[auth] refused a malformed request (${type})`);
        // Anything else, one line per kind at most every few seconds: a burst of requests that all
        // fail alike (e.g. the database busy) must not fill the log.
        logThrottled(`auth-${type ?? error.name}`, `[auth] ${type ?? error.name}: ${error.message.split("\n")[0]}`);
      },
    },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(raw, request) {
          const parsed = signInSchema.safeParse({ email: raw.email, password: raw.password });
          if (!parsed.success) return null;
          const { email } = parsed.data;
          const ip = clientIp(request.headers);
          const limits: LimitedKey[] = [
            [SIGN_IN_FAILURES_PER_IP, ip],
            [SIGN_IN_FAILURES_PER_ACCOUNT_AND_IP, `${email} ${ip}`],
            [SIGN_IN_FAILURES_PER_ACCOUNT, email],
          ];
          // Counted before the password is looked at (so guesses sent all at once cannot outrun the
          // limit), and refused before it is, so a refusal says nothing about the password.
          const attempt = await consumeAll(limits);
          if (!attempt.allowed) throw new SignInRateLimited(attempt.retryAfterSeconds);

          const userId = await verifyCredentials(parsed.data);
          if (!userId) return null;
          // Only failures count: the right password takes its attempt back, and clears this
          // address's failures at this account.
          await attempt.refund();
          await reset(SIGN_IN_FAILURES_PER_ACCOUNT_AND_IP, `${email} ${ip}`);
          return { id: userId };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user, trigger }) {
        if (trigger === "signIn" && user?.id) return { sid: await createSession(user.id) };
        if (typeof token.sid !== "string") return null;
        const current = await signedInAs(token.sid);
        // null clears the cookie: the session was ended, expired, or the account is gone or disabled.
        return current ? { sid: current.sessionId, user: current.user } : null;
      },
      session({ session, token }) {
        return { expires: session.expires, user: token.user as SessionUser };
      },
    },
    events: {
      async signOut(message) {
        if ("token" in message && typeof message.token?.sid === "string") await deleteSession(message.token.sid);
      },
    },
  };
}

const nextAuth = NextAuth(config);

export const { signIn } = nextAuth;

/** The Auth.js endpoints (app/api/auth/[...nextauth]/route.ts), answering at the address the browser used. */
export const handlers = {
  GET: (request: NextRequest) => nextAuth.handlers.GET(forAuthJs(request)),
  POST: (request: NextRequest) => nextAuth.handlers.POST(forAuthJs(request)),
};

/**
 * Signs out: the session row is deleted *before* the cookie is cleared. (Auth.js's own sign-out
 * swallows errors from its event handler and clears the cookie anyway, which could leave a copied
 * cookie working after the user saw "signed out".)
 */
export async function signOut(redirectTo: string): Promise<void> {
  const sid = await currentSessionId();
  if (sid) await deleteSession(sid);
  await nextAuth.signOut({ redirectTo });
}

/** The signed-in user of this request (lib/server/auth/sessions.ts decides who that is). */
export async function currentUser(): Promise<SessionUser | null> {
  return (await currentSession())?.user ?? null;
}

/**
 * For pages: the signed-in user, or a redirect to sign-in that comes back to the page's `path`
 * afterwards (sign-in checks it is a path on this site; the plans page is where it lands anyway).
 */
export async function requireUser(path = "/plans"): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(path === "/plans" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(path)}`);
  return user;
}
