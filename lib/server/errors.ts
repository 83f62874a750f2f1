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
