// The production HTTP server: Next.js's request handler behind a plain node:http server, so that the
// client address the app sees (X-Forwarded-For, used for per-IP rate limits) is set here from the
// TCP connection and TRUSTED_PROXY_HOPS, never taken from what a client wrote.
// Started by `npm start` (scripts/start.mjs) and by the e2e suite.
import { createServer } from "node:http";
import next from "next";
import { clientAddress, parseTrustedHops } from "./lib/client-address.mjs";

const hops = parseTrustedHops(process.env.TRUSTED_PROXY_HOPS);
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || "0.0.0.0";

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  req.headers["x-forwarded-for"] = clientAddress(req.headers["x-forwarded-for"], req.socket.remoteAddress, hops);
  handle(req, res);
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
