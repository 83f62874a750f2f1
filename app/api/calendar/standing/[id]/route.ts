// GET /api/calendar/standing/[id] – one of the signed-in user's standing plans, as a weekly .ics event
import { currentUser } from "@/lib/server/auth/auth";
import { calendarResponse, standingCalendar } from "@/lib/server/calendar";
import { getStandingPlan } from "@/lib/server/plans/standing";
import { idField } from "@/lib/validation/fields";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const user = await currentUser();
  if (!user) return Response.json({ error: "Sign in to add this to your calendar." }, { status: 401, headers: { "Cache-Control": "no-store" } });
  const { id } = await params;
  // Someone else's, a made-up id: "not found".
  const plan = idField.safeParse(id).success ? await getStandingPlan(user.id, id) : null;
  return calendarResponse(plan && standingCalendar(plan, new Date()), plan?.activity ?? "");
}
