import "server-only";

// Failures that come in floods when the database is away or overloaded (every request, every
// stream) are logged once per interval per kind, with how many were left out, not once each.

const lastLogged = new Map<string, { at: number; leftOut: number }>();

/** Logs `message` (an error line) unless a line of this `kind` was logged less than `everyMs` ago. */
export function logThrottled(kind: string, message: string, everyMs = 10_000): void {
  const now = Date.now();
  const last = lastLogged.get(kind);
  if (last && now - last.at < everyMs) {
    last.leftOut++;
    return;
  }
  lastLogged.set(kind, { at: now, leftOut: 0 });
  console.error(last?.leftOut ? `${message} (and ${last.leftOut} more like it since the last such line)` : message);
}
