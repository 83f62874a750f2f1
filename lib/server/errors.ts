import "server-only";

/** A failure the user can act on; its message is shown as is. Anything else is logged and answered generically. */
export class ExpectedError extends Error {}

/**
 * "Not found" — also the answer to "not yours", "not your friend" and "blocked": a stranger must not be
 * able to tell a missing thing from a forbidden one.
 */
export class NotFoundError extends ExpectedError {
  constructor() {
    super("We couldn’t find that. It may have been removed or changed.");
  }
}

// What a database that is away, frozen or overloaded looks like, whichever layer reports it: our
// pool's bound (lib/server/db.ts), pg's own timeouts, Postgres's error codes, the socket, or Prisma
// (which wraps the driver's error in `cause` or `meta`).
const UNAVAILABLE_PG_CODES = new Set([
  "57014", // statement timeout
  "55P03", // lock timeout
  "57P01",
  "57P02",
  "57P03", // shutting down, crashed, starting up
  "53300", // too many connections
  "08000",
  "08001",
  "08003",
  "08004",
  "08006", // connection failures
]);
const UNAVAILABLE_NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND"]);
const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const UNAVAILABLE_MESSAGES =
  /timeout exceeded when trying to connect|Query read timeout|Connection terminated|connection error|too many requests are waiting for a database connection|statement timeout|lock timeout/i;

/** Whether `error` says the database could not serve the request in time (the user may just try again). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length) {
    const current = pending.pop();
    if (!current || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    // `err`: Auth.js wraps what a sign-in callback threw as `cause: { err, provider }`.
    const { code, message, cause, meta, originalCode, err } = current as Record<string, unknown>;
    for (const value of [code, originalCode]) {
      if (typeof value === "string" && (UNAVAILABLE_PG_CODES.has(value) || UNAVAILABLE_NODE_CODES.has(value) || UNAVAILABLE_PRISMA_CODES.has(value)))
        return true;
    }
    if (typeof message === "string" && UNAVAILABLE_MESSAGES.test(message)) return true;
    pending.push(cause, meta, err, ...(meta && typeof meta === "object" ? Object.values(meta) : []));
  }
  return false;
}
