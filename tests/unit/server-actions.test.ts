import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pipeline } from "node:stream/promises";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isServerAction, refuseUndecodableAction } from "@/scripts/lib/server-actions.mjs";

// Server actions React sends, as scripts/server.mjs sees them before Next: the body is read once for
// the check and then read again, whole, by the next reader (Next reads it with a stream pipeline);
// a body Next could not decode is answered 400; a bad callback-url cookie never reaches Next.

let server: Server;
let port: number;
type Seen = { body: string; cookie: string | undefined };
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const next = async () => {
      const chunks: Buffer[] = [];
      // As Next's action handler reads it: piped through a stream pipeline.
      await pipeline(req, new Writable({ write: (chunk: Buffer, _encoding, done) => (chunks.push(chunk), done()) }));
      seen.push({ body: Buffer.concat(chunks).toString("utf8"), cookie: req.headers.cookie });
      res.end("reached");
    };
    if (!isServerAction(req)) return void next();
    void refuseUndecodableAction(req, res).then((answered) => {
      if (!answered) void next();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

type Sent = { body: string; contentType?: string; cookie?: string; action?: boolean; chunks?: number };

/** Posts `body` (in `chunks` writes, a few milliseconds apart, as a slow network delivers it). */
function post({
  body,
  contentType = "text/plain;charset=UTF-8",
  cookie,
  action = true,
  chunks = 1,
}: Sent): Promise<{ status: number; text: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const bytes = Buffer.from(body);
    const headers: Record<string, string | number> = { "content-type": contentType, "content-length": bytes.length };
    if (action) headers["next-action"] = "7f00";
    if (cookie) headers.cookie = cookie;
    const req = request({ port, host: "127.0.0.1", path: "/plans", method: "POST", headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
    });
    req.on("error", reject);
    const size = Math.ceil(bytes.length / chunks);
    const send = async () => {
      for (let at = 0; at < bytes.length; at += size) {
        req.write(bytes.subarray(at, at + size));
        await new Promise((wait) => setTimeout(wait, 5));
      }
      req.end();
    };
    void send();
  });
}

function multipart(root: string, fields: Record<string, string> = {}): { body: string; contentType: string } {
  const boundary = "----overlap-test";
  const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const body =
    Object.entries(fields)
      .map(([name, value]) => part(name, value))
      .join("") +
    part("0", root) +
    `--${boundary}--\r\n`;
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe("server actions before Next", () => {
  it("hands the whole body on after reading it, however it arrived", async () => {
    const big = multipart('["$undefined","$K1"]', { "1_activity": "surfing", "1_note": "x".repeat(40_000) });
    for (const [sent, chunks] of [
      [{ body: '[{"ok":false},"x"]' }, 1],
      [{ body: '[{"ok":false},"' + "é".repeat(3000) + '"]' }, 7],
      [big, 1],
      [big, 23],
    ] as const) {
      seen.length = 0;
      const answer = await post({ ...sent, chunks });
      expect(answer).toMatchObject({ status: 200, text: "reached" });
      expect(seen).toHaveLength(1);
      expect(seen[0]!.body).toBe(sent.body);
    }
  });

  it("answers 400 to a body Next could not decode, and Next never sees it", async () => {
    for (const sent of [{ body: "" }, { body: "hello" }, { body: '{"handle":"x"}' }, multipart('"x"'), multipart('["$Q1"]')]) {
      seen.length = 0;
      const answer = await post(sent);
      expect(answer.status, sent.body).toBe(400);
      expect(answer.text).toBe("This form could not be read. Reload the page and try again.");
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
      expect(seen).toEqual([]);
    }
  });

  it("drops a callback-url cookie Auth.js would reject and keeps the rest as sent", async () => {
    seen.length = 0;
    const session = "authjs.session-token=abc.def";
    await post({ body: "[]", cookie: `${session}; authjs.callback-url=javascript%3Aalert(1)` });
    await post({ body: "[]", cookie: `${session}; authjs.callback-url=%2Fplans` });
    expect(seen.map((one) => one.cookie)).toEqual([session, `${session}; authjs.callback-url=%2Fplans`]);
  });

  it("leaves other posts alone", async () => {
    seen.length = 0;
    expect(await post({ body: "not an action", action: false })).toMatchObject({ status: 200, text: "reached" });
    expect(seen[0]!.body).toBe("not an action");
  });
});
