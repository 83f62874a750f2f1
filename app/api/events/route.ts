// GET /api/events – the signed-in user's live notifications as server-sent events
import { currentUser } from "@/lib/server/auth";
import { latestNotificationId, listNotificationsAfter, type NotificationView } from "@/lib/server/notifications";
import { subscribe } from "@/lib/server/realtime";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 15_000;
// Streams are closed after a while so the browser reconnects — and its session is checked again.
const MAX_STREAM_MS = 5 * 60_000;

function lastEventId(request: Request): bigint | null {
  const value = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId");
  return value && /^\d{1,19}$/.test(value) ? BigInt(value) : null;
}

function event(notification: NotificationView): string {
  // The same words the notification list shows: who, what, when, "in your area". No cell, no distance.
  const data = { id: notification.id, text: notification.text, href: notification.href, window: notification.window };
  return `id: ${notification.id}\nevent: notification\ndata: ${JSON.stringify(data)}\n\n`;
}

export async function GET(request: Request): Promise<Response> {
  const user = await currentUser();
  if (!user) return new Response("Sign in to receive live notifications.", { status: 401 });

  // A reconnecting browser says what it last saw; a new one starts from now.
  let sent = lastEventId(request) ?? (await latestNotificationId(user.id));
  const encoder = new TextEncoder();
  let cleanup = () => {};

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let busy: Promise<void> = Promise.resolve();
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          // The browser went away and the stream was closed under us (no abort seen yet): stop.
          cleanup();
        }
      };
      // Sends everything newer than what was sent, one catch-up at a time. A wake-up with nothing new
      // means something else changed (a friend left, deleted their account): the page refreshes.
      const catchUp = (woken: boolean) => {
        busy = busy.then(async () => {
          if (closed) return;
          const fresh = await listNotificationsAfter(user.id, sent);
          for (const notification of fresh) {
            write(event(notification));
            sent = BigInt(notification.id);
          }
          if (woken && fresh.length === 0) write("event: changed\ndata: {}\n\n");
        }).catch(() => undefined);
      };
      const unsubscribe = await subscribe(user.id, (reason) => catchUp(reason === "wake"));
      const heartbeat = setInterval(() => write(": heartbeat\n\n"), HEARTBEAT_MS);
      const lifetime = setTimeout(() => cleanup(), MAX_STREAM_MS);
      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      request.signal.addEventListener("abort", () => cleanup());
      write("retry: 3000\n\n");
      catchUp(false);
    },
    cancel() {
      cleanup();
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
