import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { BUSY_TEXT, DEFAULT_MAX_REQUESTS_IN_FLIGHT, gateRequests, parseMaxInFlight } from "@/scripts/lib/request-gate.mjs";

// The production server's bound on requests in progress (scripts/server.mjs).

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

function get(port: number): Promise<{ status: number; retryAfter?: string; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: "127.0.0.1", port, path: "/" }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers["retry-after"] as string | undefined, body }));
    })
      .on("error", reject)
      .end();
  });
}

describe("gateRequests", () => {
  it("answers 503 with Retry-After once the limit is in progress, and lets requests in again as they finish", async () => {
    const holds: (() => void)[] = [];
    server = createServer(gateRequests(2, (_req, res) => holds.push(() => res.end("done"))));
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;

    const first = [get(port), get(port)];
    await expect.poll(() => holds.length).toBe(2);
    const refused = await get(port);
    expect(refused).toEqual({ status: 503, retryAfter: "2", body: BUSY_TEXT });

    holds.shift()!();
    expect((await first[0])!.status).toBe(200);
    const next = get(port);
    await expect.poll(() => holds.length).toBe(2);
    for (const release of holds.splice(0)) release();
    expect((await Promise.all([first[1]!, next])).map((answer) => answer.status)).toEqual([200, 200]);
  });

  it("counts a request whose client went away as finished", async () => {
    let started = 0;
    server = createServer(gateRequests(1, () => void started++)); // never answers
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const abandoned = request({ host: "127.0.0.1", port, path: "/" }).on("error", () => undefined);
    abandoned.end();
    await expect.poll(() => started).toBe(1);
    abandoned.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = request({ host: "127.0.0.1", port, path: "/" }).on("error", () => undefined);
    again.end();
    await expect.poll(() => started).toBe(2);
    again.destroy();
  });
});

describe("parseMaxInFlight", () => {
  it("defaults when unset, takes a whole number, refuses anything else", () => {
    expect(parseMaxInFlight(undefined)).toBe(DEFAULT_MAX_REQUESTS_IN_FLIGHT);
    expect(parseMaxInFlight("")).toBe(DEFAULT_MAX_REQUESTS_IN_FLIGHT);
    expect(parseMaxInFlight("64")).toBe(64);
    for (const bad of ["0", "-1", "1.5", "many"]) expect(() => parseMaxInFlight(bad)).toThrow(/MAX_REQUESTS_IN_FLIGHT/);
  });
});
