// The production HTTP server: Next.js's request handler behind a plain node:http server, so that the
// client address the app sees (X-Forwarded-For, used for per-IP rate limits) is set here from the
// TCP connection and TRUSTED_PROXY_HOPS, never taken from what a client wrote.
// Started by `npm start` (scripts/start.mjs) and by the e2e suite.
//
// GET /api/events (live notifications, held open for minutes), and HEAD of it, are answered by a
// handler the app registers at start (lib/server/live-stream-node.ts, under LIVE_EVENTS_HANDLER)
// instead of Next's: through Next each open stream kept Next's per-request state alive (~98 KB of
// RSS per stream, against ~21 KB this way). Same rules, same responses. Until the app has registered it (Next runs
// instrumentation.ts as its server warms up, not awaited by prepare()) or if it never does, Next's
// route (app/api/events/route.ts) serves the path as before.
import { createServer } from "node:http";
import next from "next";
import { clientAddress, parseTrustedHops } from "./lib/client-address.mjs";
import { gateRequests, parseMaxInFlight } from "./lib/request-gate.mjs";

const hops = parseTrustedHops(process.env.TRUSTED_PROXY_HOPS);
const maxInFlight = parseMaxInFlight(process.env.MAX_REQUESTS_IN_FLIGHT);
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || "0.0.0.0";

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

// The key lib/server/live-stream-node.ts registers its handler under (Symbol.for: one per process).
const LIVE_EVENTS_HANDLER = Symbol.for("overlap.live-events-handler");

/** GET or HEAD of exactly `/api/events`, with or without a query; anything else (trailing slash, encodings) is Next's. */
function isLiveEvents(req) {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const query = req.url.indexOf("?");
  return (query === -1 ? req.url : req.url.slice(0, query)) === "/api/events";
}

// Everything but the live streams counts against the bound on work in progress (request-gate.mjs).
const gated = gateRequests(maxInFlight, handle);

const server = createServer((req, res) => {
  req.headers["x-forwarded-for"] = clientAddress(req.headers["x-forwarded-for"], req.socket.remoteAddress, hops);
  const live = globalThis[LIVE_EVENTS_HANDLER];
  if (typeof live === "function" && isLiveEvents(req)) return live(req, res);
  gated(req, res);
});
server.listen(port, hostname, () => {
  console.log(`Overlap is ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
