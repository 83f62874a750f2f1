"use server";

import { revalidatePath } from "next/cache";
import { userAction } from "@/lib/server/action";
import { answerMatch, onMyWay } from "@/lib/server/matches/meetups";
import { sendMessage } from "@/lib/server/matches/messages";
import { answerSchema, messageSchema, onMyWaySchema, spotSchema } from "@/lib/validation/matches";

export const answerMatchAction = userAction(
  answerSchema,
  async ({ matchId, answer }, { user }) => {
    await answerMatch(user.id, matchId, answer);
    revalidatePath(`/matches/${matchId}`);
  },
  { idsOnly: true },
);

export const onMyWayAction = userAction(
  onMyWaySchema,
  async ({ matchId, minutes }, { user }) => {
    await onMyWay(user.id, matchId, minutes);
    revalidatePath(`/matches/${matchId}`);
  },
  { idsOnly: true },
);

export const proposeSpotAction = userAction(spotSchema, async ({ matchId, spot }, { user }) => {
  await sendMessage(user.id, matchId, "spot", spot);
  revalidatePath(`/matches/${matchId}`);
  return { ok: true };
});

export const sendMessageAction = userAction(messageSchema, async ({ matchId, message }, { user }) => {
  await sendMessage(user.id, matchId, "message", message);
  revalidatePath(`/matches/${matchId}`);
  return { ok: true };
});
