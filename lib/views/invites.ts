// Invite links, as the server hands them to the UI (lib/views: types only, client-safe; see plans.ts).

/** One of the viewer's open invite links. Never its token: only a hash is stored, so it cannot be shown again. */
export type InviteView = { id: string; createdAt: Date; expiresAt: Date };

/** An open invite link as the friends page lists it: both times already in words ("in 6 days"). */
export type OpenInviteItem = Pick<InviteView, "id"> & { created: string; expires: string };

/** The answer to making a link: its id, and its path with the token — the one time it is shown. */
export type NewInviteLink = { id: string; path: string };

/**
 * What the invite page shows for a token. The inviter appears by name and @handle, never their id;
 * a dead, withdrawn, used or blocked link is "invalid", all alike.
 */
export type InviteLanding =
  { status: "invalid" } | { status: "own" } | { status: "open" | "already-friends"; inviter: { displayName: string; handle: string } };
