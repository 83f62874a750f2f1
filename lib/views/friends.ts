// Friends, as the server hands them to the UI (lib/views: types only, client-safe; see plans.ts).

/**
 * Someone in the viewer's own lists (a friend, a request, someone they block): name and @handle.
 * `id` is that person's user id, which the viewer's actions on them (remove, block, unblock) name;
 * it is only ever given for people already in those lists. Never their email, settings or plans.
 */
export type PersonView = { id: string; displayName: string; handle: string };

/** A friend, with the viewer's own "close" mark (never shown to the friend) and since when. */
export type FriendView = PersonView & { close: boolean; since: Date };

/** A friend request to or from the viewer. `id` is the request's; `userId` the other person's. */
export type RequestView = { id: string; userId: string; displayName: string; handle: string; createdAt: Date };

/**
 * The friends page: friends, requests both ways, the people the viewer blocks, and the friends to
 * ask about marking close (made recently, not marked).
 */
export type FriendsOverview = {
  friends: FriendView[];
  askClose: PersonView[];
  incoming: RequestView[];
  outgoing: RequestView[];
  blocked: PersonView[];
};
