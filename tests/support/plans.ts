import { createPlan, updatePlan } from "@/lib/server/plans/plans";
import { resumeSharing } from "@/lib/server/privacy/settings";

// The app answers a post, an edit or a resume first and matches afterwards (the server actions hand
// the match step to `after`). Tests that are about what matching does run both, in that order.

/** Posts a plan, then runs its match step; resolves to the plan and how many matches it made. */
export async function postAndMatch(...args: Parameters<typeof createPlan>) {
  const { plan, match } = await createPlan(...args);
  return { plan, matches: await match() };
}

/** Edits a plan, then runs its match step; resolves to how many matches it made. */
export async function editAndMatch(...args: Parameters<typeof updatePlan>): Promise<number> {
  return (await updatePlan(...args))();
}

/** Resumes sharing, then runs its match step; resolves to how many matches it made. */
export async function resumeAndMatch(...args: Parameters<typeof resumeSharing>): Promise<number> {
  return (await resumeSharing(...args))();
}
