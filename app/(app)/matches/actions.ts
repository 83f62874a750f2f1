"use server";

import { revalidatePath } from "next/cache";
import { userAction } from "@/lib/server/action";
import { answerMatch, onMyWay } from "@/lib/server/matches/meetups";
import { answerSchema, onMyWaySchema } from "@/lib/validation/matches";

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
