import "server-only";
import { randomBytes } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "./db";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export const sessionUserSelect = {
  id: true,
  displayName: true,
  handle: true,
} satisfies Prisma.UserSelect;
export type SessionUser = Prisma.UserGetPayload<{ select: typeof sessionUserSelect }>;

export async function createSession(userId: string): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await db().session.create({
    data: { id, userId, expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) },
    select: { id: true },
  });
  return id;
}

/** The signed-in user behind a session id, or null once the session is ended, expired or the user disabled. */
export async function getSessionUser(sessionId: string): Promise<SessionUser | null> {
  const session = await db().session.findFirst({
    where: { id: sessionId, expiresAt: { gt: new Date() }, user: { disabledAt: null } },
    select: { user: { select: sessionUserSelect } },
  });
  return session?.user ?? null;
}

export async function deleteSession(sessionId: string): Promise<void> {
  await db().session.deleteMany({ where: { id: sessionId } });
}

export async function deleteUserSessions(userId: string): Promise<number> {
  const { count } = await db().session.deleteMany({ where: { userId } });
  return count;
}
