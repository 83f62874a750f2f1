// The least an SSE endpoint can cost: plain node:http, no framework, no session, no database. The
// bench holds as many idle streams here as on the app's /api/events, so the app's memory per
// connection can be read against what Node itself needs for one.
// Usage: node scripts/bench/sse-baseline-server.mjs  (PORT=0 by default: any free port)
// Prints "SSE baseline listening on http://127.0.0.1:<port>" once it accepts connections.
import { createServer } from "node:http";

// The same interval as lib/server/live/live-stream.ts, so both hold one timer per stream and wake as often.
const HEARTBEAT_MS = 15_000;
const streams = new Set();

const server = createServer((request, response) => {
  if (request.method !== "GET" || new URL(request.url, "http://x").pathname !== "/") {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, {
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-cache, no-transform",
    Connection: "keep-alive",
  });
  response.write("retry: 3000\n\n");
  const heartbeat = setInterval(() => response.write(": heartbeat\n\n"), HEARTBEAT_MS);
  streams.add(response);
  response.on("close", () => {
    clearInterval(heartbeat);
    streams.delete(response);
  });
});

server.listen(Number(process.env.PORT || 0), "127.0.0.1", () => {
  console.log(`SSE baseline listening on http://127.0.0.1:${server.address().port}`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    for (const response of streams) response.destroy();
    server.close(() => process.exit(0));
  });
}
