import "server-only";
import { RETENTION_RULES, RETENTION_SETTINGS, SWEPT_KINDS, UNIT_MS, type BySetting, type SweptKind, type TimeRule } from "../privacy/retention-rules";
import { lock, statement, transaction, type Args, type Column, type Statement } from "../sql";

// The retention sweeper: deletes, in batches, whatever each user's settings (or a row's own expiry)
// put past its time. What is due when is not written here but read from the one table of rules
// (privacy/retention-rules.ts), which also dates every item a person is shown. Every time comparison
// uses the `now` it is given, never the database's clock, so a run is reproducible and tests control time.

/** Rows deleted per statement: each batch is one short transaction, so no lock is held for long. */
export const SWEEP_BATCH = 5000;

/**
 * Rows deleted per kind, in the rules' order (disclosures: ledger rows, each taking its match
 * notification in the recipient's inbox with it, not counted under notifications).
 */
export type SweepCounts = Record<SweptKind, number> & {
  /** Kinds whose sweep failed this time (logged; the next sweep tries again). */
  failed: number;
};

/** One kind of row to sweep: `statement` deletes at most $1 rows; `params(now)` supplies $2, $3 … */
type Sweep = { statement: Statement; params: (now: Date) => unknown[] };

/** A field of the Prisma schema as its column: the schema maps each field to its snake_case. */
const column = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/**
 * Deletes up to $1 rows of `table` (aliased `t`) that `where` selects. SKIP LOCKED: rows the app (or
 * another sweeper) is busy with are left for the next batch instead of being waited for.
 * `= ANY(ARRAY(…))`, not `IN (…)`: with IN the planner hash-joined the batch against a sequential
 * scan of the whole table, once per batch — a million ended plans took 70 s (npm run bench, P5);
 * the array is looked up in the primary key.
 */
function sweep(table: string, key: string, where: string, types: readonly Column[], params: Sweep["params"]): Sweep {
  const text = `DELETE FROM ${table} WHERE ${key} = ANY(ARRAY(
                  SELECT t.${key} FROM ${table} t ${where}
                  LIMIT $1 FOR UPDATE OF t SKIP LOCKED))`;
  return { statement: statement(text, ["int8", ...types]), params };
}

// Hours, not calendar days: a day is always 24 hours here, whatever the session's time zone and DST.
const UNIT_SQL = { hours: "1 hour", days: "24 hours" } as const;

/**
 * Rows whose `after` + the person's own setting is at or before now. The first condition only lets
 * the index on `after` skip everything younger than the shortest choice on offer.
 */
function pastOwnersSetting(table: string, { key, after }: TimeRule, { setting, of }: BySetting, also: string): Sweep {
  const { unit, choices } = RETENTION_SETTINGS[setting];
  const shortestMs = Math.min(...choices.map((choice) => choice.value)) * UNIT_MS[unit];
  return sweep(
    table,
    key,
    `JOIN users u ON u.id = t.${column(of)}
     WHERE t.${column(after)} <= $2::timestamptz
       AND t.${column(after)} <= $3::timestamptz - u.${column(setting)} * interval '${UNIT_SQL[unit]}'${also}`,
    ["timestamptz", "timestamptz"],
    (now) => [new Date(now.getTime() - shortestMs), now],
  );
}

/** Rows whose `after` + a fixed time is at or before now. */
function pastFixedTime(table: string, { key, after, epochMs }: TimeRule, ms: number, also: string): Sweep {
  const at = `t.${column(after)}`;
  return sweep(table, key, `WHERE ${epochMs ? `${at} IS NOT NULL AND ` : ""}${at} <= $2${also}`, [epochMs ? "int8" : "timestamptz"], (now) => [
    epochMs ? now.getTime() - ms : new Date(now.getTime() - ms),
  ]);
}

function sweepOf(kind: SweptKind): Sweep {
  const { table } = RETENTION_RULES[kind];
  const goes: TimeRule = RETENTION_RULES[kind].goes;
  const also = goes.andOneGone ? ` AND (${goes.andOneGone.map((field) => `t.${column(field)} IS NULL`).join(" OR ")})` : "";
  return "ms" in goes.keep ? pastFixedTime(table, goes, goes.keep.ms, also) : pastOwnersSetting(table, goes, goes.keep, also);
}

const SWEEPS = Object.fromEntries(SWEPT_KINDS.map((kind) => [kind, sweepOf(kind)])) as Record<SweptKind, Sweep>;

/**
 * One batch in its own transaction. Sweepers of the same kind in other processes take turns on an
 * advisory lock: a match refers to two plans, so two plan batches deleting at once could each update
 * (ON DELETE SET NULL) a match the other needs next — a deadlock. Different kinds never wait on each
 * other in a cycle (plans → matches → ledger → notifications), so they run side by side.
 */
async function deleteBatch(kind: SweptKind, params: unknown[]): Promise<number> {
  return transaction(async (tx) => {
    await lock(tx, `retention:${kind}`);
    return tx.run(SWEEPS[kind].statement, params as Args<readonly Column[]>);
  });
}

/**
 * Deletes everything past its time, kind by kind, batch by batch until a batch comes back short.
 * Safe to run in several processes at once: each row is deleted once. One kind failing does not stop
 * the others. `batch` is for tests.
 */
export async function sweepRetention(now = new Date(), { batch = SWEEP_BATCH } = {}): Promise<SweepCounts> {
  const counts = { ...(Object.fromEntries(SWEPT_KINDS.map((kind) => [kind, 0])) as Record<SweptKind, number>), failed: 0 };
  for (const kind of SWEPT_KINDS) {
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
