import "server-only";
import { randomBytes } from "node:crypto";
import type { SessionUser } from "@/lib/views/account";
import { db } from "./db";
import { rows } from "./sql";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

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
  const [user] = await rows<SessionUser>(
    `SELECT u.id, u.display_name AS "displayName", u.handle FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.id = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL`,
    [sessionId, new Date()],
  );
  return user ?? null;
}

export async function deleteSession(sessionId: string): Promise<void> {
  await db().session.deleteMany({ where: { id: sessionId } });
}
