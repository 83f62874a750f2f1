// A bound on the requests one server process works on at once. Past it, a request is answered at
// once with 503 and Retry-After instead of joining a queue that only grows while the process (or
// its database) falls behind: under overload, "busy, try again in a moment" beats an answer in
// minutes. Live-notification streams are held open for minutes and are not counted here.

export const DEFAULT_MAX_REQUESTS_IN_FLIGHT = 256;
export const BUSY_TEXT = "Overlap is very busy right now. Please try again in a moment.";

/** MAX_REQUESTS_IN_FLIGHT: a whole number from 1 up; anything else stops the server with a clear message. */
export function parseMaxInFlight(value) {
  if (value === undefined || value === "") return DEFAULT_MAX_REQUESTS_IN_FLIGHT;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`MAX_REQUESTS_IN_FLIGHT must be a whole number of at least 1 (got "${value}")`);
  return number;
}

/** Wraps `handler(req, res)` so that at most `limit` requests are in its hands at once. */
export function gateRequests(limit, handler) {
  let inFlight = 0;
  return (req, res) => {
    if (inFlight >= limit) {
      res.writeHead(503, { "Content-Type": "text/plain;charset=UTF-8", "Cache-Control": "no-store", "Retry-After": "2" });
      res.end(BUSY_TEXT);
      return;
    }
    inFlight++;
    // "close" comes once per response, whether it was sent in full or the client went away.
    res.once("close", () => inFlight--);
    return handler(req, res);
  };
}
