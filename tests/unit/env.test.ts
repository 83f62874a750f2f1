import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

const valid = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://app:secret@db.internal:5432/overlap",
  AUTH_SECRET: "x".repeat(32),
};

describe("parseEnv", () => {
  it("accepts a complete production configuration and applies defaults", () => {
    const env = parseEnv(valid);
    expect(env.DATABASE_URL).toBe(valid.DATABASE_URL);
    expect(env.DATABASE_POOL_SIZE).toBe(10);
  });

  it("names a missing AUTH_SECRET and says how to make one", () => {
    expect(() => parseEnv({ ...valid, AUTH_SECRET: undefined })).toThrow(/AUTH_SECRET is required.*openssl rand/s);
  });

  it("refuses a short secret", () => {
    expect(() => parseEnv({ ...valid, AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET must be at least 32 characters/);
  });

  it("refuses a database URL that is not Postgres, listing every problem at once", () => {
    let message = "";
    try {
      parseEnv({ ...valid, DATABASE_URL: "mysql://localhost/db", AUTH_SECRET: undefined });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/DATABASE_URL must be a postgres/);
    expect(message).toMatch(/AUTH_SECRET is required/);
  });

  it("carries live wake-ups through Postgres unless NATS is chosen, and NATS needs its address", () => {
    expect(parseEnv(valid).REALTIME).toBe("postgres");
    expect(() => parseEnv({ ...valid, REALTIME: "nats" })).toThrow(/NATS_URL is required when REALTIME=nats/);
    expect(() => parseEnv({ ...valid, REALTIME: "redis" })).toThrow(/REALTIME must be "postgres" or "nats"/);
    for (const NATS_URL of ["http://nats:4222", "nats://a:4222, nats://b:4222", "127.0.0.1:4222"]) {
      expect(() => parseEnv({ ...valid, REALTIME: "nats", NATS_URL })).toThrow(/NATS_URL must be one or more nats:\/\/host:port/);
    }
    const chosen = parseEnv({ ...valid, REALTIME: "nats", NATS_URL: "nats://a.internal:4222,nats://b.internal:4222" });
    expect(chosen.REALTIME).toBe("nats");
    expect(chosen.NATS_URL).toBe("nats://a.internal:4222,nats://b.internal:4222");
  });
});
