// The HTTP server: Next.js's request handler behind a plain node:http server, so that the client
// address the app sees (X-Forwarded-For, used for per-IP rate limits) is set here from the TCP
// connection and TRUSTED_PROXY_HOPS, never taken from what a client wrote, and requests no browser
// sends (bodies too large, undecodable paths, cross-site posts, server action bodies Next could not
// decode) are refused before Next parses them (request-shape.mjs, server-actions.mjs). The same server in production
// (`npm start`, scripts/start.mjs, and the e2e suite) and development (`npm run dev`, NODE_ENV=development:
// Next's dev server, Turbopack and hot reload included) — so what a client can claim is the same in both.
//
// GET /api/events (live notifications, held open for minutes), and HEAD of it, are answered by a
// handler the app registers at start (lib/server/live/live-stream-node.ts, under LIVE_EVENTS_HANDLER)
// instead of Next's: through Next each open stream kept Next's per-request state alive (~98 KB of
// RSS per stream, against ~21 KB this way). Same rules, same responses. Until the app has registered it (Next runs
// instrumentation.ts as its server warms up, not awaited by prepare()) or if it never does, Next's
// route (app/api/events/route.ts) serves the path as before.
import { createServer } from "node:http";
import next from "next";
import { refuseMalformedRequest, refuseUnreadableBody } from "./lib/request-shape.mjs";
import { clientAddress, parseTrustedHops } from "./lib/client-address.mjs";
import { gateRequests, parseMaxInFlight } from "./lib/request-gate.mjs";
import { isServerAction, refuseUndecodableAction } from "./lib/server-actions.mjs";

const hops = parseTrustedHops(process.env.TRUSTED_PROXY_HOPS);
const maxInFlight = parseMaxInFlight(process.env.MAX_REQUESTS_IN_FLIGHT);
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || "0.0.0.0";

const dev = process.env.NODE_ENV === "development";

// Log output that is gone (the pipe it went to was closed) is dropped, not reported: reporting a
// failed write to the same closed pipe fails again, and the server spun a core doing only that.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code !== "EPIPE") throw error;
  });
}

// The key lib/server/live/live-stream-node.ts registers its handler under (Symbol.for: one per process).
const LIVE_EVENTS_HANDLER = Symbol.for("overlap.live-events-handler");

/** GET or HEAD of exactly `/api/events`, with or without a query; anything else (trailing slash, encodings) is Next's. */
function isLiveEvents(req) {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const query = req.url.indexOf("?");
  return (query === -1 ? req.url : req.url.slice(0, query)) === "/api/events";
}

/** Next's handler, behind the bound on work in progress (request-gate.mjs); set once Next is ready. */
let gated;

// A request must arrive whole within REQUEST_TIMEOUT_MS (Node's default is 5 minutes): a client that
// sends its body a byte at a time would otherwise hold one of the MAX_REQUESTS_IN_FLIGHT places for
// that long, and a few hundred such connections would turn everyone away. (It bounds receiving the
// request only: a live stream's answer may last as long as it likes.)
const REQUEST_TIMEOUT_MS = 15_000;

const server = createServer({ requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: 10_000, connectionsCheckingInterval: 1_000 }, (req, res) => {
  req.headers["x-forwarded-for"] = clientAddress(req.headers["x-forwarded-for"], req.socket.remoteAddress, hops);
  if (refuseUnreadableBody(req, res) || refuseMalformedRequest(req, res)) return;
  const live = globalThis[LIVE_EVENTS_HANDLER];
  if (typeof live === "function" && isLiveEvents(req)) return live(req, res);
  if (isServerAction(req)) {
    refuseUndecodableAction(req, res).then(
      (answered) => answered || gated(req, res),
      () => res.destroy(),
    );
    return;
  }
  gated(req, res);
});

// `httpServer`: in development Next takes this server's WebSocket upgrades (hot reload) from it.
const app = next({ dev, hostname, port, httpServer: server });
await app.prepare();
// Everything but the live streams counts against the bound (request-gate.mjs).
gated = gateRequests(maxInFlight, app.getRequestHandler());

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
