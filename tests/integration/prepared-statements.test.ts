import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { pool } from "@/lib/server/db";
import { notify } from "@/lib/server/live/notifications";
import { statement, transaction } from "@/lib/server/sql";
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

describe("generic plans", () => {
  // Postgres plans a prepared statement afresh for its values on each of its first five runs, and on
  // every run after when that looks cheaper; a transaction asking for generic plans never does.
  const PLANS = statement("SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE statement = $1", ["text"], {
    generic: "int4",
    custom: "int4",
  });
  const PROBE = statement("SELECT count(*)::int AS n FROM plans WHERE id = ANY($1::uuid[]) OR user_id = ANY($2::uuid[])", ["uuid[]", "uuid[]"], {
    n: "int4",
  });

  async function plansOf(genericPlans: boolean) {
    return transaction(
      async (tx) => {
        for (let run = 0; run < 7; run++) await tx.rows(PROBE, [[], []]);
        const [counts] = await tx.rows(PLANS, [PROBE.text]);
        const [mode] = await tx.rows(statement("SELECT current_setting('plan_cache_mode') AS mode", [], { mode: "text" }), []);
        return { ...counts, mode: mode!.mode };
      },
      { genericPlans },
    );
  }

  it("a transaction asking for them runs its statements on their generic plans, and only that transaction", async () => {
    const generic = await plansOf(true);
    expect(generic.mode).toBe("force_generic_plan");
    expect(generic).toMatchObject({ generic: 7, custom: 0 }); // (PROBE's first runs on any connection)
    const [after] = (await pool().query("SELECT current_setting('plan_cache_mode') AS mode")).rows as { mode: string }[];
    expect(after!.mode).toBe("auto");
    const plain = await plansOf(false);
    expect(plain.mode).toBe("auto");
    expect(plain.custom).toBeGreaterThan(0);
  });
});
