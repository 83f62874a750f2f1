import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { pool } from "@/lib/server/db";
import { consume, reset, retryMessage, SIGN_IN_PER_ACCOUNT } from "@/lib/server/rate-limit";
import { closeDatabase, resetDatabase } from "../support/db";

beforeEach(resetDatabase);
afterAll(closeDatabase);

describe("Postgres-backed rate limits", () => {
  it("allows the configured number of attempts, then refuses with the wait", async () => {
    for (let i = 0; i < SIGN_IN_PER_ACCOUNT.points; i++) {
      expect(await consume("sign-in-account", SIGN_IN_PER_ACCOUNT, "victim@example.com")).toEqual({ allowed: true });
    }
    const refused = await consume("sign-in-account", SIGN_IN_PER_ACCOUNT, "victim@example.com");
    expect(refused.allowed).toBe(false);
    if (refused.allowed) return;
    expect(refused.retryAfterSeconds).toBeGreaterThan(SIGN_IN_PER_ACCOUNT.duration - 60);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(SIGN_IN_PER_ACCOUNT.duration);
    expect(retryMessage(refused.retryAfterSeconds)).toBe("Too many attempts. Try again in 15 minutes.");
  });

  it("counts keys and limiters separately, and reset forgets a key", async () => {
    const limit = { points: 1, duration: 60 };
    expect((await consume("a", limit, "k1")).allowed).toBe(true);
    expect((await consume("a", limit, "k1")).allowed).toBe(false);
    expect((await consume("a", limit, "k2")).allowed).toBe(true);
    expect((await consume("b", limit, "k1")).allowed).toBe(true);
    await reset("a", limit, "k1");
    expect((await consume("a", limit, "k1")).allowed).toBe(true);
  });

  it("holds across concurrent attempts", async () => {
    const limit = { points: 5, duration: 60 };
    const decisions = await Promise.all(Array.from({ length: 12 }, () => consume("burst", limit, "k")));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
  });

  it("never stores the email or IP address in clear", async () => {
    await consume("sign-in-account", SIGN_IN_PER_ACCOUNT, "private@example.com");
    await consume("sign-in-ip", SIGN_IN_PER_ACCOUNT, "203.0.113.9");
    const { rows } = await pool().query<{ key: string }>("SELECT key FROM rate_limits");
    expect(rows).toHaveLength(2);
    for (const { key } of rows) {
      expect(key).not.toMatch(/private|example|203\.0/);
    }
  });
});
