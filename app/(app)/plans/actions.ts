"use server";

import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { userAction } from "@/lib/server/action";
import { askFriends } from "@/lib/server/matches/asks";
import { cancelPlan, createPlan, matchStep, updatePlan } from "@/lib/server/plans/plans";
import { createStandingPlan, removeStandingPlan, setStandingPaused, updateStandingPlan } from "@/lib/server/plans/standing";
import { askSchema } from "@/lib/validation/matches";
import { editPlanSchema, planFormSchema, planIdSchema, resolveWindow } from "@/lib/validation/plans";
import { standingEditSchema, standingFormSchema, standingIdSchema, standingPauseSchema } from "@/lib/validation/standing";

export const postPlanAction = userAction(planFormSchema, async (input, { user }) => {
  const resolved = resolveWindow(input, new Date());
  if ("errors" in resolved) return { ok: false, fieldErrors: resolved.errors, message: "Please fix the highlighted fields." };
  const { plan, match } = await createPlan(user.id, {
    activity: input.activity,
    cell: input.cell,
    travelKm: input.travelKm,
    audience: input.audience,
    note: input.note,
    shareNote: input.shareNote,
    groupMin: input.groupMin,
    groupMax: input.groupMax,
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
    data: { plan, postedAt: Date.now() }, // after the insert's commit: see PostedPlan
    message: "Posted. We’ll let you know as soon as a friend wants the same thing nearby.",
  };
});

export const cancelPlanAction = userAction(
  planIdSchema,
  async ({ planId }, { user }) => {
    await cancelPlan(user.id, planId);
    revalidatePath("/", "layout");
  },
  { idsOnly: true },
);

export const editPlanAction = userAction(editPlanSchema, async (input, { user }) => {
  // A plan under way keeps its start (the form sends it back as it was).
  const resolved = resolveWindow(input, new Date(), { started: true });
  if ("errors" in resolved) return { ok: false, fieldErrors: resolved.errors, message: "Please fix the highlighted fields." };
  after(
    await updatePlan(user.id, input.planId, {
      travelKm: input.travelKm,
      audience: input.audience,
      note: input.note,
      shareNote: input.shareNote,
      groupMin: input.groupMin,
      groupMax: input.groupMax,
      ...resolved.window,
    }),
  );
  revalidatePath("/", "layout");
  return { ok: true };
});

export const askFriendsAction = userAction(askSchema, async ({ planId, friendIds }, { user }) => {
  await askFriends(user.id, planId, friendIds);
  revalidatePath("/plans");
  return { ok: true };
});

export const addStandingPlanAction = userAction(standingFormSchema, async (input, { user }) => {
  const { spawn } = await createStandingPlan(user.id, input);
  // This week's plan, when it starts within a day, is made and matched once the answer is on its way
  // (as a post's matching: its time must not answer anything about friends' plans).
  after(matchStep(spawn));
  revalidatePath("/plans");
  return { ok: true, message: "Saved. Each week’s plan appears a day before it starts." };
});

export const editStandingPlanAction = userAction(standingEditSchema, async ({ standingId, ...changes }, { user }) => {
  after(matchStep(await updateStandingPlan(user.id, standingId, changes)));
  revalidatePath("/plans");
  return { ok: true, message: "Saved. The change applies from the next week’s plan." };
});

export const pauseStandingPlanAction = userAction(
  standingPauseSchema,
  async ({ standingId, paused }, { user }) => {
    await setStandingPaused(user.id, standingId, paused);
    revalidatePath("/plans");
  },
  { idsOnly: true },
);

export const removeStandingPlanAction = userAction(
  standingIdSchema,
  async ({ standingId }, { user }) => {
    await removeStandingPlan(user.id, standingId);
    revalidatePath("/", "layout");
  },
  { idsOnly: true },
);
