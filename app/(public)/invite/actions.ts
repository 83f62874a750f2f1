"use server";

import { redirect } from "next/navigation";
import { userAction } from "@/lib/server/action";
import { acceptInvite } from "@/lib/server/social/invites";
import { inviteTokenSchema } from "@/lib/validation/friends";

export const acceptInviteAction = userAction(inviteTokenSchema, async ({ token }, { user }) => {
  await acceptInvite(user.id, token);
  redirect("/friends?joined=1");
});
