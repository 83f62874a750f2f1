import { z } from "./zod";
import { handleLookupField, idField } from "./fields";

export const addFriendSchema = z.strictObject({ handle: handleLookupField });
export const requestIdSchema = z.strictObject({ requestId: idField });
export const friendIdSchema = z.strictObject({ friendId: idField });
export const userIdSchema = z.strictObject({ userId: idField });
export const inviteIdSchema = z.strictObject({ inviteId: idField });
export const closeFriendSchema = z.strictObject({
  friendId: idField,
  close: z.enum(["true", "false"]).transform((value) => value === "true"),
});
// Any malformed token is simply an invalid invite (the data layer answers that), not a field error.
export const inviteTokenSchema = z.strictObject({ token: z.string().max(100).catch("") });
export const createInviteSchema = z.strictObject({});
export const discoverableSchema = z.strictObject({
  discoverable: z.enum(["true", "false"]).transform((value) => value === "true"),
});
