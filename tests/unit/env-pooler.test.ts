import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

const valid = { DATABASE_URL: "postgresql://app:secret@pgbouncer:6432/overlap", AUTH_SECRET: "x".repeat(32) };

describe("DATABASE_POOLER and DATABASE_DIRECT_URL", () => {
  it("default to a direct connection: no pooler, and no separate URL", () => {
    const parsed = parseEnv(valid);
    expect(parsed.DATABASE_POOLER).toBe("none");
    expect(parsed.DATABASE_DIRECT_URL).toBeUndefined();
  });

  it("take PgBouncer and a postgres URL for Postgres itself", () => {
    const direct = "postgresql://app:secret@db.internal:5432/overlap";
    expect(parseEnv({ ...valid, DATABASE_POOLER: "pgbouncer", DATABASE_DIRECT_URL: direct })).toMatchObject({
      DATABASE_POOLER: "pgbouncer",
      DATABASE_DIRECT_URL: direct,
    });
  });

  it("name an unknown pooler and a URL that is not postgres", () => {
    expect(() => parseEnv({ ...valid, DATABASE_POOLER: "pgpool", DATABASE_DIRECT_URL: "mysql://db/overlap" })).toThrow(
      /DATABASE_DIRECT_URL must be a postgres.*\n.*DATABASE_POOLER/s,
    );
  });
});
