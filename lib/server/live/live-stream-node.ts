import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { securityHeaders } from "@/lib/security-headers";
import { LIVE_STREAM_HEADERS, lastEventIdFrom, openLiveStream, SIGNED_OUT_HEADERS, SIGNED_OUT_TEXT, type LiveStream } from "./live-stream";
import { sessionFromCookieHeader } from "../auth/sessions";

// GET /api/events served by the production server (scripts/server.mjs) without entering Next.js.
// Why: a stream held through Next's route handler keeps Next's per-request state alive (request
// context, abort controllers, caches, stream adapters: ~76 KB of heap) for its whole life. Measured
// with scripts/bench/connections.mjs at 10,000 idle streams: ~98 KB of RSS per stream through Next
// (1.18 GB), ~21 KB here (0.41 GB), against ~12 KB for a bare node:http SSE server.
// The rules are the route's own (lib/server/live/live-stream.ts, sessions.ts): same cookie, same
// session-row check, same events. And what next.config.js adds to every response (security headers,
// HSTS in production) is sent here too.

/**
 * Where the handler is registered, once per server process (lib/server/startup.ts). scripts/server.mjs
 * reads the same key and hands it `GET /api/events`; without it every request goes to Next.
 */
export const LIVE_EVENTS_HANDLER = Symbol.for("overlap.live-events-handler");

export type LiveEventsHandler = (req: IncomingMessage, res: ServerResponse) => void;

const BASE_HEADERS: Readonly<Record<string, string>> = Object.fromEntries(securityHeaders().map(({ key, value }) => [key, value]));

function answer(res: ServerResponse, status: number, text: string) {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { ...BASE_HEADERS, ...SIGNED_OUT_HEADERS });
  res.end(text);
}

async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let gone = false;
  let live: LiveStream | undefined = undefined;
  // 'close' on the response fires when it ended or the connection dropped, whichever comes first;
  // the browser may leave while the session is still being checked, so this is listened to first.
  const leave = () => {
    gone = true;
    live?.stop();
  };
  res.once("close", leave);
  req.once("close", () => {
    if (req.socket.destroyed) leave();
  });
  res.on("error", leave);

  const session = await sessionFromCookieHeader(req.headers.cookie);
  if (gone) return;
  if (!session) return answer(res, 401, SIGNED_OUT_TEXT);
  // HEAD: what a GET would answer, without opening a stream.
  if (req.method === "HEAD") return void res.writeHead(200, { ...BASE_HEADERS, ...LIVE_STREAM_HEADERS }).end();

  const query = new URL(req.url ?? "/", "http://localhost").searchParams.get("lastEventId");
  const header = req.headers["last-event-id"];
  live = await openLiveStream(
    { sessionId: session.sessionId, userId: session.user.id },
    lastEventIdFrom(typeof header === "string" ? header : undefined, query),
  );
  if (gone) return live.stop();

  res.writeHead(200, { ...BASE_HEADERS, ...LIVE_STREAM_HEADERS });
  live.pipe({
    write(text) {
      if (res.destroyed || res.writableEnded) return false;
      res.write(text);
      return true;
    },
    close() {
      if (!res.writableEnded) res.end();
    },
  });
}

/** The production server's handler for `GET /api/events` (and `HEAD`). */
export const serveLiveEvents: LiveEventsHandler = (req, res) => {
  serve(req, res).catch((error: unknown) => {
    // The database or the hub failed before the stream began: a generic answer, and a log line that
    // names the failure only (no cookie, no user).
    console.error("[live] stream could not start:", error instanceof Error ? error.message : "unknown error");
    answer(res, 500, "Live notifications are unavailable right now.");
    if (!res.writableEnded && res.headersSent) res.end();
  });
};

/** Lets scripts/server.mjs serve live streams through `serveLiveEvents` (see LIVE_EVENTS_HANDLER). */
export function registerLiveEventsHandler(): void {
  (globalThis as Record<symbol, unknown>)[LIVE_EVENTS_HANDLER] = serveLiveEvents;
}
