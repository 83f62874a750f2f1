import "server-only";
import { INTENT_RETENTION_HOURS, LEDGER_RETENTION_DAYS, NOTIFICATION_RETENTION_DAYS } from "@/lib/validation/settings";
import { AREA_WINDOW_MS } from "../area-budget";
import { PAIR_COOLDOWN_MS } from "../matcher";
import { advisoryLockSql, sqlTransaction } from "../sql";

// The retention sweeper: deletes, in batches, whatever each user's settings (or a row's own expiry)
// put past its time. Every time comparison uses the `now` it is given, never the database's clock,
// so a run is reproducible and tests control time.

/** Rows deleted per statement: each batch is one short transaction, so no lock is held for long. */
export const SWEEP_BATCH = 5000;

export type SweepCounts = {
  intents: number;
  matches: number;
  /** Ledger rows; each takes its match notification (in the recipient's inbox) with it, not counted below. */
  disclosures: number;
  notifications: number;
  invites: number;
  sessions: number;
  rateLimits: number;
  /** Rows of the daily area budget that no longer count. */
  areaUses: number;
  /** Probe notices in a ledger, with the ledger's retention. */
  probeNotices: number;
  /** Kinds whose sweep failed this time (logged; the next sweep tries again). */
  failed: number;
};

type Kind = Exclude<keyof SweepCounts, "failed">;
/** One kind of row to sweep: `sql` deletes at most $1 rows; `params(now)` supplies $2, $3 … */
type Sweep = { sql: string; params: (now: Date) => unknown[] };

/**
 * Deletes up to $1 rows of `table` (aliased `t`) that `where` selects. SKIP LOCKED: rows the app (or
 * another sweeper) is busy with are left for the next batch instead of being waited for.
 * `= ANY(ARRAY(…))`, not `IN (…)`: with IN the planner hash-joined the batch against a sequential
 * scan of the whole table, once per batch — a million ended plans took 70 s (npm run bench, P5);
 * the array is looked up in the primary key.
 */
function sweep(table: string, key: string, where: string, params: Sweep["params"]): Sweep {
  return {
    sql: `DELETE FROM ${table} WHERE ${key} = ANY(ARRAY(
            SELECT t.${key} FROM ${table} t ${where}
            LIMIT $1 FOR UPDATE OF t SKIP LOCKED))`,
    params,
  };
}

const UNIT_MS = { hours: 3_600_000, days: 86_400_000 } as const;
// Hours, not calendar days: a day is always 24 hours here, whatever the session's time zone and DST.
const UNIT_SQL = { hours: "1 hour", days: "24 hours" } as const;

/**
 * Rows whose `column` + the owner's own `setting` (in `unit`s) is at or before now. The first
 * condition only lets the index on `column` skip everything younger than the shortest choice on offer.
 */
function pastOwnersSetting(
  table: string,
  owner: string,
  column: string,
  setting: string,
  unit: keyof typeof UNIT_MS,
  choices: readonly { value: number }[],
): Sweep {
  const shortestMs = Math.min(...choices.map((choice) => choice.value)) * UNIT_MS[unit];
  return sweep(
    table,
    "id",
    `JOIN users u ON u.id = t.${owner}
     WHERE t.${column} <= $2::timestamptz
       AND t.${column} <= $3::timestamptz - u.${setting} * interval '${UNIT_SQL[unit]}'`,
    (now) => [new Date(now.getTime() - shortestMs), now],
  );
}

// In this order: a match can go once one of its plans is gone, so plans are swept first.
const SWEEPS: Record<Kind, Sweep> = {
  // An ended plan goes with its area (the cell is a column of the row).
  intents: pastOwnersSetting("intents", "user_id", "ends_at", "intent_retention_hours", "hours", INTENT_RETENTION_HOURS),
  // The cooldown reads matches (same pair and activity) until it is over, and a match whose plans
  // both still exist is still what those plans are; after that nothing needs it.
  matches: sweep("matches", "id", "WHERE t.created_at <= $2 AND (t.intent_low_id IS NULL OR t.intent_high_id IS NULL)", (now) => [
    new Date(now.getTime() - PAIR_COOLDOWN_MS),
  ]),
  // The subject's choice: what friends were told about them. The recipient's notification goes with
  // it (ON DELETE CASCADE) — the wish to be forgotten wins over the reader's inbox setting.
  disclosures: pastOwnersSetting("disclosures", "subject_id", "created_at", "ledger_retention_days", "days", LEDGER_RETENTION_DAYS),
  // The recipient's choice: their own inbox.
  notifications: pastOwnersSetting("notifications", "user_id", "created_at", "notification_retention_days", "days", NOTIFICATION_RETENTION_DAYS),
  invites: sweep("invites", "id", "WHERE t.expires_at <= $2", (now) => [now]),
  sessions: sweep("sessions", "id", "WHERE t.expires_at <= $2", (now) => [now]),
  // rate-limiter-flexible's counters: `expire` in epoch milliseconds; NULL never expires.
  rateLimits: sweep("rate_limits", "key", "WHERE t.expire IS NOT NULL AND t.expire <= $2", (now) => [now.getTime()]),
  // Kept the whole window even when the plans are gone: a cancelled plan must not refund its area.
  // (No single-column key: rows are picked by their physical address.)
  areaUses: sweep("area_uses", "ctid", "WHERE t.last_used_at <= $2", (now) => [new Date(now.getTime() - AREA_WINDOW_MS)]),
  probeNotices: pastOwnersSetting("probe_notices", "user_id", "created_at", "ledger_retention_days", "days", LEDGER_RETENTION_DAYS),
};

/**
 * One batch in its own transaction. Sweepers of the same kind in other processes take turns on an
 * advisory lock: a match refers to two plans, so two plan batches deleting at once could each update
 * (ON DELETE SET NULL) a match the other needs next — a deadlock. Different kinds never wait on each
 * other in a cycle (plans → matches → ledger → notifications), so they run side by side.
 */
async function deleteBatch(kind: Kind, params: unknown[]): Promise<number> {
  return sqlTransaction(async (client) => {
    await advisoryLockSql(client, `retention:${kind}`);
    // eslint-disable-next-line no-restricted-syntax -- declared with the retention rules
    const { rowCount } = await client.query(SWEEPS[kind].sql, params);
    return rowCount ?? 0;
  });
}

/**
 * Deletes everything past its time, kind by kind, batch by batch until a batch comes back short.
 * Safe to run in several processes at once: each row is deleted once. One kind failing does not stop
 * the others. `batch` is for tests.
 */
export async function sweepRetention(now = new Date(), { batch = SWEEP_BATCH } = {}): Promise<SweepCounts> {
  const counts: SweepCounts = { intents: 0, matches: 0, disclosures: 0, notifications: 0, invites: 0, sessions: 0, rateLimits: 0, areaUses: 0, probeNotices: 0, failed: 0 };
  for (const kind of Object.keys(SWEEPS) as Kind[]) {
    try {
      let deleted: number;
      do {
        deleted = await deleteBatch(kind, [batch, ...SWEEPS[kind].params(now)]);
        counts[kind] += deleted;
      } while (deleted >= batch);
    } catch (error) {
      counts.failed++;
      // The error's code and message only: its detail could quote a row (and so an area).
      const { code, message } = error as { code?: string; message?: string };
      console.error(`Retention sweep of ${kind} failed:`, code ?? "", message ?? String(error));
    }
  }
  return counts;
}
