import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES, refuseUnreadableBody } from "@/scripts/lib/body-limit.mjs";

// The server's first look at a request body (scripts/server.mjs): what it refuses never reaches Next.

let server: Server;
let port: number;
let reached = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (refuseUnreadableBody(req, res)) return;
    reached++;
    req.resume().on("end", () => res.end("read"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function post(body: string | null, { chunked = false } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = chunked ? { "transfer-encoding": "chunked" } : body === null ? {} : { "content-length": Buffer.byteLength(body) };
    const req = request({ host: "127.0.0.1", port, path: "/", method: "POST", headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.end(body ?? undefined);
  });
}

describe("refuseUnreadableBody", () => {
  it("lets bodies up to the limit through, and requests without a body", async () => {
    const before = reached;
    expect(await post("x".repeat(MAX_BODY_BYTES))).toEqual({ status: 200, body: "read" });
    expect(await post(null)).toEqual({ status: 200, body: "read" });
    expect(reached - before).toBe(2);
  });

  it("answers 413 to a body over the limit and 411 to one of unknown length, without passing them on", async () => {
    const before = reached;
    expect((await post("x".repeat(MAX_BODY_BYTES + 1))).status).toBe(413);
    expect((await post("a=1", { chunked: true })).status).toBe(411);
    expect(reached).toBe(before);
  });
});
