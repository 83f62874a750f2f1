// GET /api/calendar/meetups/[id] – a meet-up the signed-in user said they are in for, as an .ics file
import { currentUser } from "@/lib/server/auth/auth";
import { calendarResponse, meetupCalendar } from "@/lib/server/calendar";
import { getMatch } from "@/lib/server/matches/meetups";
import { idField } from "@/lib/validation/fields";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const user = await currentUser();
  if (!user) return Response.json({ error: "Sign in to add this to your calendar." }, { status: 401, headers: { "Cache-Control": "no-store" } });
  const { id } = await params;
  // Someone else's match, one closed to the user, a made-up id and one they are not "in" for: all "not found".
  const match = idField.safeParse(id).success ? await getMatch(user.id, id) : null;
  const accepted = match && match.you.answer === "in" && !match.you.out ? match : null;
  return calendarResponse(accepted && meetupCalendar(accepted), accepted?.activity ?? "");
}
