// GET /api/events – the signed-in user's live notifications as server-sent events
// In production scripts/server.mjs serves this path itself (lib/server/live/live-stream-node.ts), so that an
// idle stream holds no Next request state; this route serves `next dev`, and any request the
// production server hands to Next (e.g. when that handler is not registered). Both run
// lib/server/live/live-stream.ts.
import { currentSession } from "@/lib/server/auth/sessions";
import { LIVE_STREAM_HEADERS, lastEventIdFrom, openLiveStream, SIGNED_OUT_HEADERS, SIGNED_OUT_TEXT } from "@/lib/server/live/live-stream";

export const dynamic = "force-dynamic";

/** What a GET would answer, without opening a stream (Next would otherwise run GET for a HEAD). */
export async function HEAD(): Promise<Response> {
  const session = await currentSession();
  return new Response(null, session ? { headers: LIVE_STREAM_HEADERS } : { status: 401, headers: SIGNED_OUT_HEADERS });
}

export async function GET(request: Request): Promise<Response> {
  const session = await currentSession();
  if (!session) return new Response(SIGNED_OUT_TEXT, { status: 401, headers: SIGNED_OUT_HEADERS });

  const from = lastEventIdFrom(request.headers.get("last-event-id"), new URL(request.url).searchParams.get("lastEventId"));
  const live = await openLiveStream({ sessionId: session.sessionId, userId: session.user.id }, from);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      live.pipe({
        write(text) {
          try {
            controller.enqueue(encoder.encode(text));
            return true;
          } catch {
            return false; // the stream was closed under us
          }
        },
        close() {
          try {
            controller.close();
          } catch {
            // already closed by the client
          }
        },
      });
      request.signal.addEventListener("abort", () => live.stop());
      if (request.signal.aborted) live.stop();
    },
    cancel() {
      live.stop();
    },
  });

  return new Response(stream, { headers: LIVE_STREAM_HEADERS });
}
