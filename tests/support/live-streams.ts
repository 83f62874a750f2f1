import { request } from "node:http";
import { env } from "@/lib/env";
import { encodeSessionToken } from "@/lib/session-token";
import { createSession } from "@/lib/server/auth/sessions";
import { person, type Person } from "./people";

// Live streams (GET /api/events) as a browser opens them, for the integration tests.

export const SESSION_COOKIE = "authjs.session-token";

export type Opened = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Everything received so far. */
  text: () => string;
  ended: () => boolean;
  close: () => void;
};

/** Opens `url` with these headers; the body keeps accumulating until `close()`. */
export function openStream(url: string, headers: Record<string, string> = {}, method = "GET"): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, method }, (res) => {
      let text = "";
      let ended = false;
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => (ended = true));
      res.on("error", () => undefined);
      resolve({ status: res.statusCode ?? 0, headers: res.headers, text: () => text, ended: () => ended, close: () => req.destroy() });
    });
    req.on("error", reject);
    req.end();
  });
}

export async function waitFor(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  for (const deadline = Date.now() + ms; Date.now() < deadline;) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A Cookie header carrying a session token with these claims, as the app encodes it. */
export const cookieFor = async (token: Record<string, unknown>) =>
  `${SESSION_COOKIE}=${await encodeSessionToken({ token, secret: env().AUTH_SECRET, salt: SESSION_COOKIE })}`;

/** A new person with a live session, and the Cookie header their browser would send. */
export async function signedIn(name: string): Promise<{ user: Person; cookie: string; sessionId: string }> {
  const user = await person(name);
  const sessionId = await createSession(user.id);
  return { user, cookie: await cookieFor({ sid: sessionId }), sessionId };
}

/** The `id:` a stream sent last (what a reconnecting browser sends as Last-Event-ID). */
export function lastEventId(stream: Opened): string {
  const ids = [...stream.text().matchAll(/^id: (\S+)$/gm)];
  if (!ids.length) throw new Error("the stream sent no id yet");
  return ids.at(-1)![1]!;
}
