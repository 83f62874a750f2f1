import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { encodeSessionToken } from "@/lib/session-token";
import { createAccount } from "@/lib/server/auth/accounts";
import { db } from "@/lib/server/db";
import { createSession, deleteSession, getSessionUser, sessionFromCookieHeader } from "@/lib/server/auth/sessions";
import { closeDatabase, newAccount, resetDatabase } from "../support/db";

beforeEach(resetDatabase);
afterAll(closeDatabase);

async function signedInUser() {
  const input = newAccount({ displayName: "Robin" });
  const created = await createAccount(input);
  if (!created.ok) throw new Error("setup failed");
  return { userId: created.userId, sessionId: await createSession(created.userId), input };
}

describe("server-side sessions", () => {
  it("resolves a live session to the user's public fields only", async () => {
    const { userId, sessionId, input } = await signedInUser();
    expect(await getSessionUser(sessionId)).toEqual({ id: userId, displayName: "Robin", handle: input.handle });
  });

  it("ends a session when its row is deleted (sign-out), leaving the user's other sessions alone", async () => {
    const { userId, sessionId } = await signedInUser();
    const other = await createSession(userId);
    await deleteSession(sessionId);
    expect(await getSessionUser(sessionId)).toBeNull();
    expect(await getSessionUser(other)).not.toBeNull();
  });

  it("ends every session of a disabled user on the next lookup", async () => {
    const { userId, sessionId } = await signedInUser();
    await db().user.update({ where: { id: userId }, data: { disabledAt: new Date() } });
    expect(await getSessionUser(sessionId)).toBeNull();
  });

  it("removes sessions with a deleted user", async () => {
    const { userId, sessionId } = await signedInUser();
    await db().user.delete({ where: { id: userId } });
    expect(await getSessionUser(sessionId)).toBeNull();
    expect(await db().session.count()).toBe(0);
  });

  it("does not accept an expired session or an unknown id", async () => {
    const { sessionId } = await signedInUser();
    await db().session.update({ where: { id: sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getSessionUser(sessionId)).toBeNull();
    expect(await getSessionUser("not-a-session")).toBeNull();
  });
});

// The door for requests that never enter Next (the production server's live stream). The pages' door
// (`currentSession()`, through Next's `cookies()`) is covered end to end by tests/e2e/sessions.spec.ts.
describe("who a raw Cookie header signs in", () => {
  const cookieValue = (sid: string, name: string) => encodeSessionToken({ token: { sid }, secret: env().AUTH_SECRET, salt: name });

  it("reads either session cookie name among other cookies, percent-decoded as Next's cookies() decodes it", async () => {
    const { userId, sessionId } = await signedInUser();
    for (const name of ["authjs.session-token", "__Secure-authjs.session-token"]) {
      const value = await cookieValue(sessionId, name);
      const encoded = value.replace(/\./g, "%2E");
      for (const header of [`${name}=${value}`, `theme=dark; ${name}=${value}; other=1`, `${name}=${encoded}`]) {
        expect(await sessionFromCookieHeader(header)).toEqual({ sessionId, user: expect.objectContaining({ id: userId }) });
      }
      // Encrypted for this name (its salt), it names nobody under the other, decoded before or not.
      const other = name.startsWith("__Secure-") ? "authjs.session-token" : "__Secure-authjs.session-token";
      expect(await sessionFromCookieHeader(`${other}=${value}`)).toBeNull();
    }
  });

  it("signs nobody in without a cookie, with a forged or ended one, or with a header Headers refuses", async () => {
    const { sessionId } = await signedInUser();
    const value = await cookieValue(sessionId, "authjs.session-token");
    expect(await sessionFromCookieHeader(`authjs.session-token=${value}`)).not.toBeNull();
    for (const header of [undefined, "", "authjs.session-token=forged.value.here", `authjs.session-token=${value}\r\nx: y`]) {
      expect(await sessionFromCookieHeader(header)).toBeNull();
    }
    // A cookie that decoded before is remembered, but its row is still checked on every call.
    await deleteSession(sessionId);
    expect(await sessionFromCookieHeader(`authjs.session-token=${value}`)).toBeNull();
  });
});
