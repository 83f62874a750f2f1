"use server";

import { revalidatePath } from "next/cache";
import { userAction } from "@/lib/server/action";
import { setDiscoverable, setPausedUntil } from "@/lib/server/settings";
import { discoverableSchema } from "@/lib/validation/friends";
import { pauseEnd, pauseSchema, resumeSchema } from "@/lib/validation/settings";

export const setDiscoverableAction = userAction(discoverableSchema, async ({ discoverable }, { user }) => {
  await setDiscoverable(user.id, discoverable);
  revalidatePath("/settings/privacy");
});

export const pauseAction = userAction(pauseSchema, async ({ duration }, { user }) => {
  await setPausedUntil(user.id, pauseEnd(duration, new Date()));
  revalidatePath("/", "layout");
});

export const resumeAction = userAction(resumeSchema, async (_input, { user }) => {
  await setPausedUntil(user.id, null);
  revalidatePath("/", "layout");
});
