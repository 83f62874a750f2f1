import fc from "fast-check";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { sendFriendRequest } from "@/lib/server/social/friends";
import { collectUserData } from "@/lib/server/privacy/my-data";
import { openNotificationId, sealNotificationId } from "@/lib/server/live/notification-ids";
import { getInboxState, listNotifications } from "@/lib/server/live/inbox";
import { closeDatabase, resetDatabase } from "../support/db";
import { fieldValue, hugeNumber, materialize } from "../support/fuzz-values";
import { person } from "../support/people";

// Notification rows share one sequence: ids a reader sees must not count everyone else's.

beforeEach(resetDatabase);
afterAll(closeDatabase);

describe("notification ids as their reader sees them", () => {
  it("say nothing about how many notifications others got in between", async () => {
    const reader = await person("Reader");
    await sendFriendRequest((await person("First")).id, reader.handle);
    // Others' inboxes fill up between the reader's two notifications.
    for (let i = 0; i < 5; i++) {
      const [a, b] = [await person(`Other ${i}`), await person(`Another ${i}`)];
      await sendFriendRequest(a.id, b.handle);
    }
    await sendFriendRequest((await person("Second")).id, reader.handle);

    const rows = await db().notification.findMany({ where: { userId: reader.id }, orderBy: { id: "asc" }, select: { id: true } });
    expect(rows[1]!.id - rows[0]!.id).toBe(6n); // the table's own ids do count them
    const shown = await listNotifications(reader.id);
    const exported = (await collectUserData(reader.id)).notifications.items.map((item) => item.id);
    const latest = (await getInboxState(reader.id)).latestId;
    for (const id of [...shown.map((view) => view.id), ...exported, latest]) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(rows.map((row) => row.id.toString())).not.toContain(id);
    }
    // The same notification keeps its id wherever it is shown.
    expect(new Set(exported)).toEqual(new Set(shown.map((view) => view.id)));
    expect(latest).toBe(shown[0]!.id);
  });

  it("open only for their own reader, and only as sealed", () => {
    const [alice, bob] = [crypto.randomUUID(), crypto.randomUUID()];
    for (const id of [0n, 1n, 12_345n, 2n ** 63n - 1n]) {
      const sealed = sealNotificationId(alice, id);
      expect(openNotificationId(alice, sealed)).toBe(id);
      expect(openNotificationId(bob, sealed)).toBeNull();
      expect(sealNotificationId(bob, id)).not.toBe(sealed);
    }
    const sealed = sealNotificationId(alice, 42n);
    const lastBitsFlipped = sealed.slice(0, 21) + (sealed[21] === "A" ? "B" : "A");
    for (const made of ["0", "42", "9223372036854775808", "A".repeat(22), lastBitsFlipped, `${sealed}=`, sealed.slice(1), "", null, 42]) {
      expect(openNotificationId(alice, made)).toBeNull();
    }
  });

  it("turn any Last-Event-ID or mark-read id a client sends into nothing, or an id a bigint column holds", () => {
    const reader = crypto.randomUUID();
    const text = fc.oneof(
      hugeNumber,
      fieldValue.map(materialize),
      fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String),
      fc.base64String({ minLength: 22, maxLength: 24 }),
    );
    fc.assert(
      fc.property(text, (sent) => {
        const id = openNotificationId(reader, sent);
        if (id !== null) expect(id >= 0n && id <= 2n ** 63n - 1n).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });
});
