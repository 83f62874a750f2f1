import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as meetupFile } from "@/app/api/calendar/meetups/[id]/route";
import { GET as standingFile } from "@/app/api/calendar/standing/[id]/route";
import { currentUser } from "@/lib/server/auth/auth";
import { answerMatch } from "@/lib/server/matches/meetups";
import { sendMessage } from "@/lib/server/matches/messages";
import { createStandingPlan } from "@/lib/server/plans/standing";
import { blockUser } from "@/lib/server/social/blocks";
import { closeDatabase, resetDatabase } from "../support/db";
import { carcavelos } from "../support/matching";
import { matched } from "../support/meetups";
import { person, type Person } from "../support/people";

// Calendar files: a meet-up one said "I'm in" to, or one's own standing plan — for that person only,
// with the activity, the window and the spot typed, never an area.

vi.mock("@/lib/server/auth/auth", () => ({ currentUser: vi.fn() }));

beforeEach(resetDatabase);
afterAll(closeDatabase);

const as = (who: Person | null) => vi.mocked(currentUser).mockResolvedValueOnce(who && { id: who.id, displayName: who.displayName, handle: who.handle });
const get = (route: typeof meetupFile, id: string) => route(new Request(`http://localhost/api/calendar/x/${id}`), { params: Promise.resolve({ id }) });

describe("a meet-up's calendar file", () => {
  it("is the window, who is in and the spot — for someone who said they are in", async () => {
    const { alice, bob, matchId } = await matched();
    await answerMatch(alice.id, matchId, "in");
    await sendMessage(bob.id, matchId, "spot", "Steamer Lane, north end");
    as(alice);
    const response = await get(meetupFile, matchId);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="overlap-surfing.ics"');
    const body = await response.text();
    expect(body).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(body).toContain("SUMMARY:Surfing with Bob");
    expect(body).toContain("LOCATION:Steamer Lane\\, north end");
    expect(body).toMatch(/DTSTART:\d{8}T\d{6}Z/);
    // No area: not the cell, nor the words for one.
    expect(body).not.toContain(carcavelos);
    expect(body).not.toMatch(/area|km/i);
  });

  it("is 'not found' for someone not in it, one who has not said 'I'm in', a blocked friend, a made-up id; 401 signed out", async () => {
    const { alice, bob, matchId } = await matched();
    const mallory = await person("Mallory");
    await answerMatch(alice.id, matchId, "in");
    for (const [who, id] of [
      [mallory, matchId],
      [bob, matchId], // answered nothing
      [alice, "not-a-uuid"],
      [alice, "00000000-0000-4000-8000-000000000000"],
    ] as const) {
      as(who);
      expect((await get(meetupFile, id)).status, `${who.displayName} ${id}`).toBe(404);
    }
    await blockUser(bob.id, alice.id);
    as(alice);
    expect((await get(meetupFile, matchId)).status).toBe(404);
    as(null);
    expect((await get(meetupFile, matchId)).status).toBe(401);
  });
});

describe("a standing plan's calendar file", () => {
  it("repeats weekly on its days at its hours in its own zone, until its last day — for its owner only", async () => {
    const ana = await person("Ana");
    const { id } = await createStandingPlan(ana.id, {
      activity: "surfing",
      cell: carcavelos,
      days: [0, 6],
      from: 7 * 60,
      to: 10 * 60,
      timeZone: "Europe/Lisbon",
      lastOn: "2099-12-31",
      travelKm: 10,
      audience: "close",
    });
    as(ana);
    const body = await (await get(standingFile, id)).text();
    expect(body).toContain("BEGIN:VTIMEZONE\r\nTZID:Europe/Lisbon");
    expect(body).toMatch(/DTSTART;TZID=Europe\/Lisbon:\d{8}T070000/);
    expect(body).toMatch(/DTEND;TZID=Europe\/Lisbon:\d{8}T100000/);
    expect(body).toContain("RRULE:FREQ=WEEKLY;BYDAY=SU,SA;UNTIL=20991231T100000Z");
    expect(body).toContain("SUMMARY:Surfing (standing plan)");
    expect(body).not.toContain(carcavelos);

    for (const who of [await person("Ben"), await person("Mallory")]) {
      as(who);
      expect((await get(standingFile, id)).status).toBe(404);
    }
  });
});
