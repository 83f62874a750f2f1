"use server";

import { revalidatePath } from "next/cache";
import { userAction } from "@/lib/server/action";
import { setDiscoverable } from "@/lib/server/settings";
import { discoverableSchema } from "@/lib/validation/friends";

export const setDiscoverableAction = userAction(discoverableSchema, async ({ discoverable }, { user }) => {
  await setDiscoverable(user.id, discoverable);
  revalidatePath("/settings/privacy");
});
