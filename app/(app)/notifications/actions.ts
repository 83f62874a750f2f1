"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userAction } from "@/lib/server/action";
import { markAllRead } from "@/lib/server/notifications";

export const markAllReadAction = userAction(z.strictObject({}), async (_input, { user }) => {
  await markAllRead(user.id);
  revalidatePath("/", "layout");
});
