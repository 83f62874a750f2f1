import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES, refuseMalformedRequest, refuseUnreadableBody } from "@/scripts/lib/request-shape.mjs";

// The server's first look at a request body (scripts/server.mjs): what it refuses never reaches Next.

let server: Server;
let port: number;
let reached = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (refuseUnreadableBody(req, res) || refuseMalformedRequest(req, res)) return;
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

type Options = { chunked?: boolean; path?: string; method?: string; origin?: string };

function post(body: string | null, { chunked = false, path = "/", method = "POST", origin }: Options = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = chunked
      ? { "transfer-encoding": "chunked" }
      : body === null
        ? {}
        : { "content-length": Buffer.byteLength(body) };
    if (origin !== undefined) headers.origin = origin;
    const req = request({ host: "127.0.0.1", port, path, method, headers }, (res) => {
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

describe("refuseMalformedRequest", () => {
  it("answers 400 to a path that does not decode, whatever the method", async () => {
    const before = reached;
    for (const path of ["/invite/%", "/invite/%ff", "/api/auth/%E0%A4%A", "/a%zz?x=1"]) {
      expect((await post(null, { path, method: "GET" })).status, path).toBe(400);
    }
    expect((await post(null, { path: "/invite/abc%20def?q=%ff", method: "GET" })).status).toBe(200); // the query is the app's to read
    expect(reached - before).toBe(1);
  });

  it("answers 403 to a POST from another site or an Origin that is not one, and lets this site's through", async () => {
    const before = reached;
    for (const origin of ["null", "", "http://evil.example", `http://127.0.0.1:${port + 1}`, "not a url"]) {
      expect((await post("a=1", { origin })).status, origin).toBe(403);
    }
    expect((await post("a=1", { origin: `http://127.0.0.1:${port}` })).status).toBe(200);
    expect((await post("a=1")).status).toBe(200); // no Origin: left to the app
    expect((await post(null, { method: "GET", origin: "http://evil.example" })).status).toBe(200); // reads are not posts
    expect(reached - before).toBe(3);
  });
});
