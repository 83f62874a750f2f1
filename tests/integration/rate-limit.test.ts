import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { pool } from "@/lib/server/db";
import { check, consume, penalize, reset, retryMessage, SIGN_IN_FAILURES_PER_ACCOUNT_AND_IP as SIGN_IN } from "@/lib/server/rate-limit";
import { closeDatabase, resetDatabase } from "../support/db";

beforeEach(resetDatabase);
afterAll(closeDatabase);

describe("Postgres-backed rate limits", () => {
  it("allows the configured number of attempts, then refuses with the wait", async () => {
    for (let i = 0; i < SIGN_IN.points; i++) {
      expect(await consume("sign-in-account", SIGN_IN, "victim@example.com")).toEqual({ allowed: true });
    }
    const refused = await consume("sign-in-account", SIGN_IN, "victim@example.com");
    expect(refused.allowed).toBe(false);
    if (refused.allowed) return;
    expect(refused.retryAfterSeconds).toBeGreaterThan(SIGN_IN.duration - 60);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(SIGN_IN.duration);
    expect(retryMessage(refused.retryAfterSeconds)).toBe("Too many attempts. Try again in 15 minutes.");
  });

  it("says the wait in minutes, or in hours when it is long", () => {
    expect(retryMessage(59)).toBe("Too many attempts. Try again in 1 minute.");
    expect(retryMessage(90 * 60)).toBe("Too many attempts. Try again in 90 minutes.");
    expect(retryMessage(24 * 3600)).toBe("Too many attempts. Try again in 24 hours.");
  });

  it("check() does not count; penalize() counts without refusing", async () => {
    const limit = { points: 2, duration: 60 };
    for (let i = 0; i < 5; i++) expect(await check("failures", limit, "k")).toEqual({ allowed: true });
    await penalize("failures", limit, "k");
    expect((await check("failures", limit, "k")).allowed).toBe(true);
    await penalize("failures", limit, "k");
    const refused = await check("failures", limit, "k");
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    await penalize("failures", limit, "k"); // still no throw past the limit
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
    await consume("sign-in-account", SIGN_IN, "private@example.com");
    await consume("sign-in-ip", SIGN_IN, "203.0.113.9");
    const { rows } = await pool().query<{ key: string }>("SELECT key FROM rate_limits");
    expect(rows).toHaveLength(2);
    for (const { key } of rows) {
      expect(key).not.toMatch(/private|example|203\.0/);
    }
  });
});
