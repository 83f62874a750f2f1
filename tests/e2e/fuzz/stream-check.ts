import fc from "fast-check";
import { fail } from "./findings";
import type { FuzzApp, Person } from "./fuzz-app";
import { openStream, type Outgoing } from "./http";
import { headerSafe, urlEncoded } from "../../support/fuzz-values";

// GET /api/events with any Last-Event-ID: refused with a 4xx, or a stream that works. A stream that
// opens and then goes quiet is the worst answer: the browser shows no error and never gets a match.

const INT64_MAX = 2n ** 63n - 1n;

/** Positions near the edges (shrinks quickly to the edge itself), and text that is no number at all. */
export const lastEventIds: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom(0n, 2n ** 31n, 2n ** 53n, INT64_MAX, 10n ** 19n - 1n, 2n ** 64n), fc.bigInt({ min: -1_000n, max: 1_000n }))
      .map(([edge, offset]) => String(edge + offset < 0n ? 0n : edge + offset)),
  },
  fc.constantFrom("", "-1", " 1", "01", "1e3", "0x10", "１２"),
  fc.string({ unit: "grapheme", maxLength: 25 }),
);

export type StreamCase = { lastEventId: string; via: "header" | "query" | "both" };

export const streamCases: fc.Arbitrary<StreamCase> = fc.record({
  lastEventId: lastEventIds,
  via: fc.constantFrom("header" as const, "query" as const, "both" as const),
});

/** Tried first every run: the first positions past a bigint, as a header and as a query. */
export const STREAM_EDGES: StreamCase[] = [
  { lastEventId: String(INT64_MAX + 1n), via: "header" },
  { lastEventId: String(10n ** 19n - 1n), via: "query" },
];

/**
 * Opens `owner`'s stream from `lastEventId`, then writes `owner` a notification (from `actor`) and
 * wakes the stream as the app does. A working stream answers within 2.5 s: with the notification, or
 * with "changed" if it was told it had already seen that far (lib/server/live/live-stream.ts).
 */
export async function expectWorkingStream(app: FuzzApp, owner: Person, actor: Person, streamCase: StreamCase, address: string) {
  const { lastEventId, via } = streamCase;
  const path = via === "header" ? "/api/events" : `/api/events?lastEventId=${urlEncoded(lastEventId)}`;
  const headers: Record<string, string> = { cookie: owner.cookie, "x-forwarded-for": address, accept: "text/event-stream" };
  if (via !== "query") headers["last-event-id"] = headerSafe(lastEventId);
  const outgoing: Outgoing = { method: "GET", path, headers };
  const mark = app.logMark();
  const stream = await openStream(app.base, path, headers);
  try {
    if (stream.status !== 200) {
      if (stream.status >= 500) await fail(app, mark, `answered ${stream.status}`, outgoing);
      return;
    }
    const ready = await stream.waitFor(() => true, 3_000);
    if (ready === null) await fail(app, mark, "a stream that opened (200) and sent no first event within 3 s", outgoing);
    const [row] = await app.sql<{ id: string }>("INSERT INTO notifications (user_id, type, actor_id) VALUES ($1, 'friend_request', $2) RETURNING id", [
      owner.id,
      actor.id,
    ]);
    await app.sql("SELECT pg_notify('overlap_notifications', $1)", [JSON.stringify([owner.id])]);
    const answer = await stream.waitFor((event) => /^event: (notification|changed)$/m.test(event), 2_500);
    if (answer === null) {
      await fail(
        app,
        mark,
        `a stream that opened and then stalled: notification ${row!.id} was written and the stream woken, and it sent nothing in 2.5 s (first event: ${JSON.stringify(ready)})`,
        outgoing,
      );
    }
  } finally {
    stream.close();
  }
}
