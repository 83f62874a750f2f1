import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { pool } from "@/lib/server/db";
import { notify } from "@/lib/server/live/notifications";
import { transaction } from "@/lib/server/sql";
import { closeDatabase, resetDatabase } from "../support/db";
import { person } from "../support/people";

// Declared statements are prepared once per pooled connection (lib/server/sql.ts). A migration run
// while the app serves (a second instance deploying) can change a type a prepared statement reads or
// returns; the connection that prepared it is then dropped, not kept failing.

beforeEach(resetDatabase);
afterAll(closeDatabase);

// Prisma's migration for a changed enum: a new type, the column converted to it, the old type dropped
// and the new one renamed. The same values afterwards, under a new type id.
const RECREATE_PUSH_STATE = `
  BEGIN;
  CREATE TYPE "PushState_new" AS ENUM ('none', 'pending', 'queued', 'suppressed');
  ALTER TABLE notifications ALTER COLUMN push DROP DEFAULT;
  ALTER TABLE notifications ALTER COLUMN push TYPE "PushState_new" USING (push::text::"PushState_new");
  ALTER TYPE "PushState" RENAME TO "PushState_old";
  ALTER TYPE "PushState_new" RENAME TO "PushState";
  DROP TYPE "PushState_old";
  ALTER TABLE notifications ALTER COLUMN push SET DEFAULT 'none';
  COMMIT;`;

describe("prepared statements and a migration", () => {
  it("a type re-created under the app costs each pooled connection at most one failed transaction", async () => {
    const [reader, actor] = [await person("Reader"), await person("Actor")];
    const write = () => transaction((tx) => notify(tx, [{ userId: reader.id, type: "friend_request", actorId: actor.id }]));
    const size = env().DATABASE_POOL_SIZE;
    // Every connection of the pool prepares the notification insert (which casts to PushState[]).
    await Promise.all(Array.from({ length: size }, write));
    await pool().query(RECREATE_PUSH_STATE);

    let failed = 0;
    for (let attempt = 0; attempt < size * 2; attempt++) {
      // At once, so that every pooled connection is used again.
      const results = await Promise.allSettled(Array.from({ length: size }, write));
      const failures = results.filter((result) => result.status === "rejected");
      failed += failures.length;
      if (failures.length === 0) break;
    }
    expect(failed).toBeLessThanOrEqual(size);
    // Now every connection works again.
    const settled = await Promise.allSettled(Array.from({ length: size }, write));
    expect(settled.filter((result) => result.status === "rejected")).toEqual([]);
  });
});
