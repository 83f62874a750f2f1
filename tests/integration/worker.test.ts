import { spawn } from "node:child_process";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { snapToCell } from "@/lib/geo";
import { db } from "@/lib/server/db";
import { closeDatabase, resetDatabase } from "../support/db";
import { person } from "../support/people";

beforeEach(resetDatabase);
afterAll(closeDatabase);

describe("npm run worker", () => {
  it("repairs an interrupted match in its own process, and stops cleanly on SIGTERM", async () => {
    const [alice, bob] = [await person("Alice"), await person("Bob")];
    await db().friendship.createMany({
      data: [
        { ownerId: alice.id, friendId: bob.id, close: true },
        { ownerId: bob.id, friendId: alice.id, close: true },
      ],
    });
    // Two plans committed a minute ago whose matcher never ran (the web process died).
    const minuteAgo = new Date(Date.now() - 60_000);
    const base = { activity: "surfing", startsAt: minuteAgo, endsAt: new Date(Date.now() + 3_600_000), travelKm: 10, createdAt: minuteAgo };
    await db().plan.create({ data: { ...base, areaCounted: true, userId: alice.id, cell: snapToCell(38.6786, -9.3357, 7) } });
    await db().plan.create({ data: { ...base, areaCounted: true, userId: bob.id, cell: snapToCell(38.6979, -9.4215, 7) } });

    const worker = spawn(process.execPath, ["scripts/worker.mjs"], { env: { ...process.env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    worker.stdout.on("data", (chunk) => (output += chunk));
    worker.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => worker.once("exit", (code) => resolve(code)));
    try {
      await expect.poll(() => db().match.count(), { timeout: 20_000, interval: 250 }).toBe(1);
      expect(await db().notification.count()).toBe(2);
    } finally {
      worker.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(output).toContain("Safety net: 1 match(es) made");
  }, 40_000);
});
