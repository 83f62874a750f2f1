"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { userAction } from "@/lib/server/action";
import { blockUser, unblockUser } from "@/lib/server/social/blocks";
import { acceptFriendRequest, cancelFriendRequest, declineFriendRequest, removeFriend, sendFriendRequest, setCloseFriend } from "@/lib/server/social/friends";
import { createInvite, revokeInvite } from "@/lib/server/social/invites";
import {
  addFriendSchema,
  closeFriendSchema,
  createInviteSchema,
  friendIdSchema,
  inviteIdSchema,
  requestIdSchema,
  userIdSchema,
} from "@/lib/validation/friends";

// Thin: each action is authorised and parsed by userAction, and the rules live in lib/server.
// The whole signed-in layout is revalidated so counts in the header update too.
const refresh = () => revalidatePath("/", "layout");

/** An action on one thing named by id: a malformed or foreign id is answered "not found". */
function onId<S extends z.ZodType>(schema: S, run: (viewerId: string, input: z.output<S>) => Promise<unknown>) {
  return userAction(
    schema,
    async (input, { user }) => {
      await run(user.id, input);
      refresh();
    },
    { idsOnly: true },
  );
}

export const addFriendAction = userAction(addFriendSchema, async ({ handle }, { user }) => {
  const result = await sendFriendRequest(user.id, handle);
  refresh();
  return {
    ok: true,
    message: result.outcome === "befriended" ? `You and ${result.displayName} are now friends.` : `Request sent to ${result.displayName}.`,
  };
});

export const acceptRequestAction = onId(requestIdSchema, (viewer, { requestId }) => acceptFriendRequest(viewer, requestId));
export const declineRequestAction = onId(requestIdSchema, (viewer, { requestId }) => declineFriendRequest(viewer, requestId));
export const cancelRequestAction = onId(requestIdSchema, (viewer, { requestId }) => cancelFriendRequest(viewer, requestId));
export const setCloseFriendAction = onId(closeFriendSchema, (viewer, { friendId, close }) => setCloseFriend(viewer, friendId, close));
export const removeFriendAction = onId(friendIdSchema, (viewer, { friendId }) => removeFriend(viewer, friendId));
export const blockUserAction = onId(userIdSchema, (viewer, { userId }) => blockUser(viewer, userId));
export const unblockUserAction = onId(userIdSchema, (viewer, { userId }) => unblockUser(viewer, userId));
export const revokeInviteAction = onId(inviteIdSchema, (viewer, { inviteId }) => revokeInvite(viewer, inviteId));

export const createInviteAction = userAction(createInviteSchema, async (_input, { user }) => {
  const { id, token } = await createInvite(user.id);
  refresh();
  return { ok: true, data: { id, path: `/invite/${token}` } };
});
