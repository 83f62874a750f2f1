// The largest request body the app reads. Its forms carry a few hundred bytes (a plan, a push
// subscription); a bigger body is refused before anything parses it, with 413 — not a 500 from
// deep inside the framework. Bodies of unknown length (chunked) are refused with 411: every
// browser form and fetch of a FormData or string says its length.
// next.config.js gives server actions the same limit.

export const MAX_BODY_BYTES = 64 * 1024;

const TEXT = { "Content-Type": "text/plain;charset=UTF-8", "Cache-Control": "no-store", Connection: "close" };

/**
 * Answers a request whose body is too large, or of unknown length, and returns true; false when
 * the request may go on. `headers` is Node's IncomingHttpHeaders.
 */
export function refuseUnreadableBody(req, res, maxBytes = MAX_BODY_BYTES) {
  const declared = req.headers["content-length"];
  if (declared === undefined) {
    if (req.headers["transfer-encoding"] === undefined) return false; // no body at all
    res.writeHead(411, TEXT);
    res.end("Send the request with a Content-Length.");
    return true;
  }
  if (/^\d{1,15}$/.test(declared) && Number(declared) <= maxBytes) return false;
  res.writeHead(413, TEXT);
  res.end("That request is too large.");
  return true;
}
