import pg from "pg";
import { vi } from "vitest";

/** One statement sent to Postgres: its text (whitespace folded, no values) and, once answered, how many rows it touched. */
export type LoggedStatement = { text: string; rowCount?: number };

/**
 * Logs every statement any pg client (the app's pool, Prisma's adapter) sends from now on, in order.
 * Undo with `vi.restoreAllMocks()`.
 */
export function logStatements(): LoggedStatement[] {
  const log: LoggedStatement[] = [];
  const original = pg.Client.prototype.query;
  vi.spyOn(pg.Client.prototype, "query").mockImplementation(function (this: pg.Client, ...args: unknown[]) {
    const [config] = args;
    const entry: LoggedStatement = { text: (typeof config === "string" ? config : String((config as { text?: string }).text)).replace(/\s+/g, " ").trim() };
    log.push(entry);
    const result = (original as (...a: unknown[]) => unknown).apply(this, args);
    if (result instanceof Promise)
      void result.then(
        (answer: { rowCount?: number | null }) => (entry.rowCount = answer?.rowCount ?? undefined),
        () => undefined,
      );
    return result;
  } as typeof original);
  return log;
}
