import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createAccount } from "@/lib/server/accounts";
import { db } from "@/lib/server/db";
import { createSession, deleteSession, getSessionUser } from "@/lib/server/sessions";
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
