import { z } from "zod";
import { signInSchema, signUpSchema } from "@/lib/validation/auth";
import {
  addFriendSchema,
  closeFriendSchema,
  createInviteSchema,
  discoverableSchema,
  friendIdSchema,
  inviteIdSchema,
  inviteTokenSchema,
  requestIdSchema,
  userIdSchema,
} from "@/lib/validation/friends";
import { editPlanSchema, planFormSchema, planIdSchema } from "@/lib/validation/plans";
import { standingEditSchema, standingFormSchema, standingIdSchema, standingPauseSchema } from "@/lib/validation/standing";
import { answerSchema, askSchema, messageSchema, onMyWaySchema, spotSchema } from "@/lib/validation/matches";
import { markReadSchema } from "@/lib/validation/notifications";
import { endpointSchema, pushControlsSchema, subscribeSchema, subscriptionIdSchema } from "@/lib/validation/push";
import {
  deleteAccountSchema,
  deleteLocationDataSchema,
  pauseSchema,
  planDefaultsSchema,
  precisionSchema,
  resumeSchema,
  retentionSchema,
} from "@/lib/validation/settings";

/**
 * The schema each server action parses its form with, by export name (the actions' own files say
 * so); null for an action that reads no input. tests/e2e/fuzz.spec.ts checks that every action in
 * the production build is listed here, so a new action cannot go unfuzzed.
 */
export const ACTION_SCHEMAS: Record<string, z.ZodType | null> = {
  signOutAction: null,
  signUpAction: signUpSchema,
  signInAction: signInSchema,
  acceptInviteAction: inviteTokenSchema,
  postPlanAction: planFormSchema,
  cancelPlanAction: planIdSchema,
  editPlanAction: editPlanSchema,
  askFriendsAction: askSchema,
  addStandingPlanAction: standingFormSchema,
  editStandingPlanAction: standingEditSchema,
  pauseStandingPlanAction: standingPauseSchema,
  removeStandingPlanAction: standingIdSchema,
  answerMatchAction: answerSchema,
  onMyWayAction: onMyWaySchema,
  proposeSpotAction: spotSchema,
  sendMessageAction: messageSchema,
  addFriendAction: addFriendSchema,
  acceptRequestAction: requestIdSchema,
  declineRequestAction: requestIdSchema,
  cancelRequestAction: requestIdSchema,
  setCloseFriendAction: closeFriendSchema,
  removeFriendAction: friendIdSchema,
  blockUserAction: userIdSchema,
  unblockUserAction: userIdSchema,
  revokeInviteAction: inviteIdSchema,
  createInviteAction: createInviteSchema,
  markReadAction: markReadSchema,
  saveDeviceAction: subscribeSchema,
  deviceStatusAction: endpointSchema,
  removeThisDeviceAction: endpointSchema,
  removeDeviceAction: subscriptionIdSchema,
  setPushControlsAction: pushControlsSchema,
  setDiscoverableAction: discoverableSchema,
  setPrecisionAction: precisionSchema,
  setPlanDefaultsAction: planDefaultsSchema,
  setRetentionAction: retentionSchema,
  pauseAction: pauseSchema,
  resumeAction: resumeSchema,
  deleteLocationDataAction: deleteLocationDataSchema,
  deleteAccountAction: deleteAccountSchema,
};

/** The form's field names. */
export function fieldsOf(schema: z.ZodType | null): string[] {
  if (schema === null) return [];
  if (schema instanceof z.ZodPipe) return fieldsOf(schema.in as z.ZodType);
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  throw new Error("an action schema that is neither an object nor a transformed object");
}
