import { request } from "node:http";
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";

// A raw HTTP client for the fuzz: Playwright's and fetch's clients keep cookie jars, follow redirects
// and refuse some headers and bodies a hostile client can send. This sends exactly what it is given.

export type Outgoing = { method: string; path: string; headers: Record<string, string>; body?: Buffer };

export type Answer = {
  status: number;
  headers: IncomingHttpHeaders;
  /** The start of the body (enough to recognise an answer without keeping megabytes). */
  text: string;
  /** For an event stream: its first event, or null if none came within `firstEventMs`. */
  firstEvent?: string | null;
};

const KEEP = 4_096;

// Node's client stops at 16 KB of response headers; browsers take far more. A long URL redirected
// (Next echoes it in Location and Refresh) is still an answer a browser reads.
const BROWSER_HEADER_LIMIT = 256 * 1024;

/** Sends `outgoing` to `base`; an event stream is read up to its first event and then closed. */
export function send(base: URL, outgoing: Outgoing, { timeoutMs = 20_000, firstEventMs = 3_000 } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: base.hostname,
      port: base.port,
      method: outgoing.method,
      path: outgoing.path,
      headers: { ...outgoing.headers, ...(outgoing.body ? { "content-length": String(outgoing.body.length) } : {}) },
      agent: false,
      maxHeaderSize: BROWSER_HEADER_LIMIT,
    });
    let answered = false;
    const timer = setTimeout(() => {
      req.destroy();
      if (!answered) reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    req.on("response", (res) => {
      answered = true;
      const stream = outgoing.method !== "HEAD" && /text\/event-stream/.test(String(res.headers["content-type"]));
      readAnswer(res, stream ? firstEventMs : timeoutMs, stream).then((read) => {
        clearTimeout(timer);
        req.destroy();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, ...read });
      }, reject);
    });
    req.on("error", (error) => {
      // A server may answer an oversized upload and close before it has all been written: the
      // answer, if one comes, is what counts.
      setTimeout(() => {
        if (answered) return;
        clearTimeout(timer);
        reject(error);
      }, 300);
    });
    req.end(outgoing.body);
  });
}

function readAnswer(res: IncomingMessage, limitMs: number, stream: boolean): Promise<{ text: string; firstEvent?: string | null }> {
  return new Promise((resolve) => {
    let text = "";
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      const event = stream ? (/^[\s\S]*?\n\n/.exec(text)?.[0] ?? null) : undefined;
      resolve({ text: text.slice(0, KEEP), ...(stream ? { firstEvent: event } : {}) });
    };
    const timer = setTimeout(finish, limitMs);
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => {
      if (text.length < KEEP) text += chunk;
      if (stream && text.includes("\n\n")) finish();
    });
    res.on("end", finish);
    res.on("close", finish);
    res.on("error", finish);
  });
}

export type LiveStream = {
  status: number;
  /** Waits for the next event that `matches`; null if the stream ended or `ms` passed first. */
  waitFor(matches: (event: string) => boolean, ms: number): Promise<string | null>;
  close(): void;
};

/** Opens GET `path` and keeps it open, for following a live stream event by event. */
export function openStream(base: URL, path: string, headers: Record<string, string>): Promise<LiveStream> {
  return new Promise((resolve, reject) => {
    const req = request({ host: base.hostname, port: base.port, method: "GET", path, headers, agent: false, maxHeaderSize: BROWSER_HEADER_LIMIT });
    req.setTimeout(10_000, () => req.destroy(new Error("the stream did not answer within 10 s")));
    req.on("error", reject);
    req.on("response", (res) => {
      req.setTimeout(0);
      req.removeListener("error", reject);
      req.on("error", () => {});
      let buffer = "";
      let ended = false;
      const waiters = new Set<() => void>();
      const wake = () => waiters.forEach((waiter) => waiter());
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffer += chunk;
        wake();
      });
      res.on("close", () => {
        ended = true;
        wake();
      });
      const take = (matches: (event: string) => boolean): string | null => {
        for (let end = buffer.indexOf("\n\n"); end !== -1; end = buffer.indexOf("\n\n")) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (matches(event)) return event;
        }
        return null;
      };
      resolve({
        status: res.statusCode ?? 0,
        waitFor: (matches, ms) =>
          new Promise((done) => {
            const check = () => {
              const event = take(matches);
              if (event !== null || ended) finish(event);
            };
            const finish = (event: string | null) => {
              waiters.delete(check);
              clearTimeout(timer);
              done(event);
            };
            const timer = setTimeout(() => finish(null), ms);
            waiters.add(check);
            check();
          }),
        close: () => req.destroy(),
      });
    });
    req.end();
  });
}
