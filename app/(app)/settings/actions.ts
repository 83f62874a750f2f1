"use server";

import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { userAction } from "@/lib/server/action";
import { signOut } from "@/lib/server/auth/auth";
import { deleteAccount, deleteLocationData, WRONG_PASSWORD } from "@/lib/server/privacy/deletion";
import { pauseSharing, resumeSharing, updatePrivacySettings } from "@/lib/server/privacy/settings";
import { discoverableSchema } from "@/lib/validation/friends";
import {
  deleteAccountSchema,
  deleteLocationDataSchema,
  pauseEnd,
  pauseSchema,
  planDefaultsSchema,
  precisionSchema,
  resumeSchema,
  retentionSchema,
} from "@/lib/validation/settings";

const SAVED = { ok: true, message: "Saved." } as const;

export const setDiscoverableAction = userAction(discoverableSchema, async (input, { user }) => {
  await updatePrivacySettings(user.id, input);
  revalidatePath("/settings", "layout");
});

export const setPrecisionAction = userAction(precisionSchema, async (input, { user }) => {
  await updatePrivacySettings(user.id, input);
  revalidatePath("/", "layout");
  return SAVED;
});

export const setPlanDefaultsAction = userAction(planDefaultsSchema, async (input, { user }) => {
  await updatePrivacySettings(user.id, input);
  revalidatePath("/", "layout");
  return SAVED;
});

// Takes effect at the retention sweeper's next run (within a minute), shorter or longer.
export const setRetentionAction = userAction(retentionSchema, async (input, { user }) => {
  await updatePrivacySettings(user.id, input);
  revalidatePath("/", "layout");
  return SAVED;
});

export const pauseAction = userAction(pauseSchema, async ({ duration }, { user }) => {
  await pauseSharing(user.id, pauseEnd(duration, new Date()));
  revalidatePath("/", "layout");
});

export const resumeAction = userAction(resumeSchema, async (_input, { user }) => {
  // Matched once the answer is on its way: its timing must not depend on friends' plans.
  after(await resumeSharing(user.id));
  revalidatePath("/", "layout");
});

export const deleteLocationDataAction = userAction(deleteLocationDataSchema, async (_input, { user }) => {
  const { plans, standing } = await deleteLocationData(user.id);
  revalidatePath("/", "layout");
  const deleted = [
    plans && (plans === 1 ? "1 plan and its area" : `${plans} plans and their areas`),
    standing && (standing === 1 ? "1 standing plan and its area" : `${standing} standing plans and their areas`),
  ].filter(Boolean);
  return { ok: true, message: deleted.length ? `Deleted ${deleted.join(", and ")}.` : "Done — there was nothing to delete." };
});

export const deleteAccountAction = userAction(deleteAccountSchema, async ({ password }, { user }) => {
  if (!(await deleteAccount(user.id, password))) return { ok: false, fieldErrors: { password: [WRONG_PASSWORD] }, message: WRONG_PASSWORD };
  // Every session row went with the account; this clears this browser's cookie too.
  await signOut("/goodbye");
});
