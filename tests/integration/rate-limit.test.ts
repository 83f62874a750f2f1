import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { pool } from "@/lib/server/db";
import { consume, consumeAll, reset, retryMessage, SIGN_IN_FAILURES_PER_ACCOUNT_AND_IP as SIGN_IN, type LimitedKey } from "@/lib/server/rate-limit";
import { closeDatabase, resetDatabase } from "../support/db";

beforeEach(resetDatabase);
afterAll(closeDatabase);

describe("Postgres-backed rate limits", () => {
  it("allows the configured number of attempts, then refuses with the wait", async () => {
    for (let i = 0; i < SIGN_IN.points; i++) {
      expect(await consume({ ...SIGN_IN, name: "sign-in-account" }, "victim@example.com")).toEqual({ allowed: true });
    }
    const refused = await consume({ ...SIGN_IN, name: "sign-in-account" }, "victim@example.com");
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

  it("consumeAll counts every limit first; a refusal by one gives the others their attempt back", async () => {
    const [tight, loose] = [
      { points: 2, duration: 60 },
      { points: 100, duration: 60 },
    ];
    const keys: LimitedKey[] = [
      [{ ...tight, name: "tight" }, "k"],
      [{ ...loose, name: "loose" }, "k"],
    ];
    expect((await consumeAll(keys)).allowed).toBe(true);
    expect((await consumeAll(keys)).allowed).toBe(true);
    for (let i = 0; i < 3; i++) {
      const refused = await consumeAll(keys);
      expect(refused.allowed).toBe(false);
      if (!refused.allowed) expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
    // Only the two attempts that went through count against the looser limit.
    const { rows } = await pool().query<{ key: string; points: number }>("SELECT key, points FROM rate_limits ORDER BY key");
    expect(rows.map((row) => row.points).sort()).toEqual([2, 5]);
  });

  it("consumeAll's refund gives back every limit's attempt", async () => {
    const limit = { points: 1, duration: 60 };
    const keys: LimitedKey[] = [
      [{ ...limit, name: "a" }, "k"],
      [{ ...limit, name: "b" }, "k"],
    ];
    const first = await consumeAll(keys);
    await first.refund();
    expect((await consumeAll(keys)).allowed).toBe(true);
    expect((await consumeAll(keys)).allowed).toBe(false);
  });

  it("consumeAll holds across concurrent attempts: at most the limit get through", async () => {
    const limit = { points: 10, duration: 60 };
    const keys: LimitedKey[] = [
      [{ name: "ip", points: 50, duration: 60 }, "ip"],
      [{ ...limit, name: "account" }, "who"],
    ];
    const decisions = await Promise.all(Array.from({ length: 30 }, () => consumeAll(keys)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
  });

  it("counts keys and limiters separately, and reset forgets a key", async () => {
    const limit = { points: 1, duration: 60 };
    expect((await consume({ ...limit, name: "a" }, "k1")).allowed).toBe(true);
    expect((await consume({ ...limit, name: "a" }, "k1")).allowed).toBe(false);
    expect((await consume({ ...limit, name: "a" }, "k2")).allowed).toBe(true);
    expect((await consume({ ...limit, name: "b" }, "k1")).allowed).toBe(true);
    await reset({ ...limit, name: "a" }, "k1");
    expect((await consume({ ...limit, name: "a" }, "k1")).allowed).toBe(true);
  });

  it("holds across concurrent attempts", async () => {
    const limit = { points: 5, duration: 60 };
    const decisions = await Promise.all(Array.from({ length: 12 }, () => consume({ ...limit, name: "burst" }, "k")));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
  });

  it("never stores the email or IP address in clear", async () => {
    await consume({ ...SIGN_IN, name: "sign-in-account" }, "private@example.com");
    await consume({ ...SIGN_IN, name: "sign-in-ip" }, "203.0.113.9");
    const { rows } = await pool().query<{ key: string }>("SELECT key FROM rate_limits");
    expect(rows).toHaveLength(2);
    for (const { key } of rows) {
      expect(key).not.toMatch(/private|example|203\.0/);
    }
  });
});
