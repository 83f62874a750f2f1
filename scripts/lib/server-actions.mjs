// Server actions React sends (a `Next-Action` header), before Next sees them: proxy.ts does not run
// for these, so their two rules are applied here — no callback-url cookie Auth.js would reject
// (lib/auth-callback-url.js), and a 400 for a body Next could not decode (lib/action-request.js),
// which it would otherwise answer with a 500 from deep inside. The body is read once, checked, and
// put back for Next to read as if untouched. request-shape.mjs has already refused bodies over
// MAX_BODY_BYTES or of unknown length.
import { isUndecodableActionBody } from "../../lib/action-request.js";
import { withoutBadCallbackCookies } from "../../lib/auth-callback-url.js";
import { REFUSAL_HEADERS } from "./request-shape.mjs";

/** A request React sent to a server action (any method: the cookie rule applies to all of them). */
export function isServerAction(req) {
  return req.headers["next-action"] !== undefined;
}

/**
 * Reads all `length` bytes of `req`'s body and puts them back at its start (`unshift`, before its
 * 'end' was emitted), so that whoever reads next reads the whole body. Rejects if the request is
 * gone before its body arrived.
 */
export function readAndKeepBody(req, length) {
  return new Promise((resolve, reject) => {
    if (length === 0) return resolve(Buffer.alloc(0));
    const chunks = [];
    let size = 0;
    const done = () => {
      req.off("readable", onReadable);
      req.off("error", onGone);
      req.off("close", onGone);
    };
    function onGone(error) {
      done();
      reject(error ?? new Error("The request closed before its body arrived"));
    }
    function onReadable() {
      for (let chunk = req.read(); chunk !== null; chunk = req.read()) {
        chunks.push(chunk);
        size += chunk.length;
      }
      if (size < length) return;
      done();
      const body = Buffer.concat(chunks, size);
      req.unshift(body);
      resolve(body);
    }
    req.on("readable", onReadable);
    req.on("error", onGone);
    req.on("close", onGone);
  });
}

/**
 * Applies both rules to a server action request. Resolves to true when it answered the request
 * (a body Next could not decode, or one that never arrived), false when Next may go on with it.
 */
export async function refuseUndecodableAction(req, res) {
  // The origin only resolves a callback path ("/plans"): which one does not change the verdict.
  const cookies = withoutBadCallbackCookies(req.headers.cookie, "http://localhost");
  if (cookies !== null) req.headers.cookie = cookies;
  if (req.method !== "POST") return false;
  let body;
  try {
    body = await readAndKeepBody(req, Number(req.headers["content-length"] ?? 0));
  } catch {
    res.destroy();
    return true;
  }
  if (!(await isUndecodableActionBody({ contentType: req.headers["content-type"], fromReact: true, body }))) return false;
  res.writeHead(400, REFUSAL_HEADERS);
  res.end("This form could not be read. Reload the page and try again.");
  return true;
}
