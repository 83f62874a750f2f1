import { request, type ClientRequest } from "node:http";

// One signed-in browser's live stream (GET /api/events), as an EventSource holds it: the text is
// parsed into events by the server-sent-events rules (an `id:` field sets the last event id when its
// event ends; an event cut off by a dropped connection is discarded), and whenever the stream ends,
// errors or is refused (the app or its database down), it is opened again after a short backoff,
// sending Last-Event-ID once it has one. It records every notification id it receives, in order.

const BACKOFF_MIN_MS = 200;
const BACKOFF_MAX_MS = 1_000;

/**
 * connects: answered 200; refused: an error answer or no connection; dropped: ended after a 200;
 * blindReopens: reopened (answered 200) without a Last-Event-ID, i.e. from "now" — what was made
 * for this person while the stream was down is then never sent.
 */
export type LiveClientStats = { connects: number; refused: number; dropped: number; blindReopens: number };

export class LiveClient {
  /** Notification ids in the order they arrived (a duplicate appears twice). */
  readonly received: string[] = [];
  /** When each of `received` arrived: epoch milliseconds (performance.timeOrigin + now), comparable across processes. */
  readonly arrivedAt: number[] = [];
  readonly stats: LiveClientStats = { connects: 0, refused: 0, dropped: 0, blindReopens: 0 };
  /** What a browser would send as Last-Event-ID: the id of the last event that carried one. */
  lastEventId: string | undefined;
  private current: ClientRequest | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private connected: Promise<void>;
  private markConnected!: () => void;

  /** `origin()` says where to connect each time (a load balancer's pick); `cookie`: the session. */
  constructor(
    private readonly origin: () => string,
    private readonly cookie: string,
  ) {
    this.connected = new Promise((resolve) => (this.markConnected = resolve));
  }

  /** Opens the stream; resolves once the first connection has been answered with 200. */
  start(): Promise<void> {
    this.open();
    return this.connected;
  }

  /** Closes the stream for good. */
  stop(): void {
    this.closed = true;
    clearTimeout(this.retry);
    this.current?.destroy();
  }

  private open(): void {
    if (this.closed) return;
    const headers: Record<string, string> = { cookie: this.cookie, accept: "text/event-stream" };
    if (this.lastEventId !== undefined) headers["last-event-id"] = this.lastEventId;
    const blind = this.lastEventId === undefined && this.stats.connects > 0;
    let settled = false;
    // Every way a connection can end leads here once: reconnect after a backoff.
    const again = (kind: "refused" | "dropped") => {
      if (settled) return;
      settled = true;
      this.stats[kind]++;
      if (this.closed) return;
      const delay = BACKOFF_MIN_MS + Math.random() * (BACKOFF_MAX_MS - BACKOFF_MIN_MS);
      this.retry = setTimeout(() => this.open(), delay);
    };
    const req = request(`${this.origin()}/api/events`, { headers, agent: false }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return again("refused");
      }
      this.stats.connects++;
      if (blind) this.stats.blindReopens++;
      this.markConnected();
      res.setEncoding("utf8");
      const parse = eventParser((event) => this.dispatch(event));
      res.on("data", parse);
      res.on("end", () => again("dropped"));
      res.on("error", () => again("dropped"));
      res.on("close", () => again("dropped"));
    });
    req.on("error", () => again("refused"));
    req.end();
    this.current = req;
  }

  private dispatch(event: SseEvent): void {
    if (event.id !== undefined) this.lastEventId = event.id;
    // The ready event's id is where the stream starts, not a notification.
    if (event.type === "notification" && event.id !== undefined) {
      this.received.push(event.id);
      this.arrivedAt.push(performance.timeOrigin + performance.now());
    }
  }
}

type SseEvent = { type: string; id: string | undefined; data: string };

/** Feeds text chunks in, calls `onEvent` for each complete event (text/event-stream framing). */
function eventParser(onEvent: (event: SseEvent) => void): (chunk: string) => void {
  let buffer = "";
  let fields: { type: string; id: string | undefined; data: string[] } = { type: "message", id: undefined, data: [] };
  return (chunk) => {
    buffer += chunk;
    for (let end = buffer.indexOf("\n"); end !== -1; end = buffer.indexOf("\n")) {
      const line = buffer.slice(0, end).replace(/\r$/, "");
      buffer = buffer.slice(end + 1);
      if (line === "") {
        onEvent({ type: fields.type, id: fields.id, data: fields.data.join("\n") });
        fields = { type: "message", id: undefined, data: [] };
        continue;
      }
      if (line.startsWith(":")) continue; // a comment: heartbeats
      const colon = line.indexOf(":");
      const name = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (name === "event") fields.type = value;
      else if (name === "id") fields.id = value;
      else if (name === "data") fields.data.push(value);
    }
  };
}
