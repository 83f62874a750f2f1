"use server";

import { revalidatePath } from "next/cache";
import { userAction } from "@/lib/server/action";
import { markReadUpTo } from "@/lib/server/live/inbox";
import { markReadSchema } from "@/lib/validation/notifications";

export const markReadAction = userAction(markReadSchema, async ({ upTo }, { user }) => {
  await markReadUpTo(user.id, upTo);
  revalidatePath("/", "layout");
});
