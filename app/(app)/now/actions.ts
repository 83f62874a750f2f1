"use server";

import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { userAction } from "@/lib/server/action";
import { cancelIntent, createIntent, updateIntent } from "@/lib/server/intents";
import { editIntentSchema, intentFormSchema, intentIdSchema, resolveWindow } from "@/lib/validation/intents";

export const postIntentAction = userAction(intentFormSchema, async (input, { user }) => {
  const resolved = resolveWindow(input, new Date());
  if ("errors" in resolved) return { ok: false, fieldErrors: resolved.errors, message: "Please fix the highlighted fields." };
  const { intent, match } = await createIntent(user.id, {
    activity: input.activity,
    cell: input.cell,
    travelKm: input.travelKm,
    audience: input.audience,
    note: input.note,
    postKey: input.postKey,
    ...resolved.window,
  });
  // Matched once the answer is on its way: how long matching takes depends on friends' plans, and
  // the answer must not (docs/privacy-model.md). A match arrives through the live stream.
  after(match);
  // No re-render of the page here: the composer adds the new plan to the list itself, and a match's
  // notification refreshes the page (badge included) through the live stream. Posting is the busiest
  // request; rendering the whole page again would more than double what it costs the server.
  return {
    ok: true,
    data: { plan: intent, postedAt: Date.now() }, // after the insert's commit: see PostedPlan
    message: "Posted. We’ll let you know as soon as a friend wants the same thing nearby.",
  };
});

export const cancelIntentAction = userAction(
  intentIdSchema,
  async ({ intentId }, { user }) => {
    await cancelIntent(user.id, intentId);
    revalidatePath("/", "layout");
  },
  { idsOnly: true },
);

export const editIntentAction = userAction(editIntentSchema, async (input, { user }) => {
  // A plan under way keeps its start (the form sends it back as it was).
  const resolved = resolveWindow(input, new Date(), { started: true });
  if ("errors" in resolved) return { ok: false, fieldErrors: resolved.errors, message: "Please fix the highlighted fields." };
  after(await updateIntent(user.id, input.intentId, { travelKm: input.travelKm, audience: input.audience, note: input.note, ...resolved.window }));
  revalidatePath("/", "layout");
  return { ok: true };
});
