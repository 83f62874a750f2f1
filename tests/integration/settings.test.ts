import { cellToParent } from "h3-js";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { acceptedResolution, snapToCell } from "@/lib/geo";
import { db, pool } from "@/lib/server/db";

import { getPrivacySettings, updatePrivacySettings } from "@/lib/server/privacy/settings";
import { closeDatabase, resetDatabase } from "../support/db";
import { person } from "../support/people";
import { postAndMatch } from "../support/plans";

beforeEach(resetDatabase);
afterAll(closeDatabase);

const HOUR = 3_600_000;
const neighbourhood = snapToCell(38.6786, -9.3357, 7);

describe("privacy settings", () => {
  it("start private: neighbourhood precision, close friends, plans deleted as they end, 7-day inbox, 30-day ledger", async () => {
    const alice = await person("Alice");
    expect(await getPrivacySettings(alice.id)).toEqual({
      discoverable: true,
      pausedUntil: null,
      locationResolution: 7,
      defaultTravelKm: 10,
      defaultAudience: "close",
      planRetentionHours: 0,
      notificationRetentionDays: 7,
      ledgerRetentionDays: 30,
    });
  });

  it("are saved, and the database refuses values the page does not offer", async () => {
    const alice = await person("Alice");
    await updatePrivacySettings(alice.id, { locationResolution: 5, planRetentionHours: 168, ledgerRetentionDays: 90 });
    expect(await getPrivacySettings(alice.id)).toMatchObject({ locationResolution: 5, planRetentionHours: 168, ledgerRetentionDays: 90 });
    await expect(updatePrivacySettings(alice.id, { locationResolution: 9 as 7 })).rejects.toThrow();
    await expect(updatePrivacySettings(alice.id, { planRetentionHours: 10_000 })).rejects.toThrow();
    await expect(pool().query(`UPDATE users SET notification_retention_days = 365 WHERE id = $1`, [alice.id])).rejects.toThrow(/users_notification_retention/);
    expect(await getPrivacySettings(alice.id)).toMatchObject({ locationResolution: 5, notificationRetentionDays: 7 });
  });

  it("precision: a plan sent with a finer area than the owner chose is stored at the owner's precision", async () => {
    const alice = await person("Alice");
    await updatePrivacySettings(alice.id, { locationResolution: 5 });
    const now = new Date();
    const plan = { activity: "surfing", startsAt: now, endsAt: new Date(now.getTime() + HOUR), travelKm: 10, audience: "close" as const, note: undefined };
    const {
      plan: { id },
    } = await postAndMatch(alice.id, { ...plan, cell: neighbourhood }, now);
    const stored = await db().plan.findUniqueOrThrow({ where: { id }, select: { cell: true } });
    expect(acceptedResolution(stored.cell)).toBe(5);
    // The area that holds the one sent (H3 parents are not exactly the cells their points snap to).
    expect(stored.cell).toBe(cellToParent(neighbourhood, 5));
  });
});

describe("a coarser precision", () => {
  it("applies at once to the plans already stored", async () => {
    const alice = await person("Alice");
    const now = new Date();
    const plan = { activity: "surfing", startsAt: now, endsAt: new Date(now.getTime() + HOUR), travelKm: 10, audience: "close" as const, note: undefined };
    const {
      plan: { id },
    } = await postAndMatch(alice.id, { ...plan, cell: neighbourhood }, now);
    await updatePrivacySettings(alice.id, { locationResolution: 6 });
    const stored = await db().plan.findUniqueOrThrow({ where: { id }, select: { cell: true } });
    expect(stored.cell).toBe(cellToParent(neighbourhood, 6));
    // Finer again later does not bring back what was given up.
    await updatePrivacySettings(alice.id, { locationResolution: 7 });
    expect((await db().plan.findUniqueOrThrow({ where: { id }, select: { cell: true } })).cell).toBe(cellToParent(neighbourhood, 6));
  });
});
