import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createAccount, verifyCredentials } from "@/lib/server/auth/accounts";
import { db, pool } from "@/lib/server/db";
import { signUpSchema } from "@/lib/validation/auth";
import { closeDatabase, newAccount, resetDatabase } from "../support/db";

beforeEach(resetDatabase);
afterAll(closeDatabase);

async function storedHash(email: string): Promise<string> {
  const { rows } = await pool().query<{ password_hash: string }>("SELECT password_hash FROM users WHERE email = $1", [email]);
  return rows[0]!.password_hash;
}

describe("createAccount", () => {
  it("creates exactly one user with an argon2id hash, never the password", async () => {
    const input = newAccount();
    const result = await createAccount(input);
    expect(result.ok).toBe(true);
    expect(await db().user.count()).toBe(1);
    const hash = await storedHash(input.email);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(hash).not.toContain(input.password);
  });

  it("never returns the password hash from an ordinary query", async () => {
    await createAccount(newAccount());
    const user = await db().user.findFirstOrThrow();
    expect(Object.keys(user)).not.toContain("passwordHash");
  });

  it("refuses a taken email (in any letter case) without saying whose it is, and writes nothing", async () => {
    const first = newAccount({ email: "sam@example.com" });
    await createAccount(first);
    // Through the shared schema, as the sign-up action does: it lower-cases before anything is stored.
    const result = await createAccount(signUpSchema.parse(newAccount({ email: "  Sam@EXAMPLE.com " })));
    expect(result).toEqual({ ok: false, fieldErrors: { email: [expect.stringMatching(/already exists/)] } });
    expect(JSON.stringify(result)).not.toContain(first.handle);
    expect(await db().user.count()).toBe(1);
  });

  it("the database itself refuses an email or handle that is not lower-case", async () => {
    await expect(createAccount(newAccount({ email: "Upper@Example.com" }))).rejects.toThrow();
    await expect(createAccount(newAccount({ handle: "Upper_Case" }))).rejects.toThrow();
    expect(await db().user.count()).toBe(0);
  });

  it("refuses a taken handle and writes nothing", async () => {
    await createAccount(newAccount({ handle: "surfer" }));
    const result = await createAccount(newAccount({ handle: "surfer" }));
    expect(result).toEqual({ ok: false, fieldErrors: { handle: [expect.stringMatching(/taken/)] } });
    expect(await db().user.count()).toBe(1);
  });
});

describe("verifyCredentials", () => {
  it("accepts the right password and refuses a wrong one, an unknown email and a disabled account", async () => {
    const input = newAccount();
    const created = await createAccount(input);
    if (!created.ok) throw new Error("setup failed");
    expect(await verifyCredentials({ email: input.email, password: input.password })).toBe(created.userId);
    expect(await verifyCredentials({ email: input.email, password: "wrong password!" })).toBeNull();
    expect(await verifyCredentials({ email: "nobody@example.com", password: input.password })).toBeNull();
    await db().user.update({ where: { id: created.userId }, data: { disabledAt: new Date() } });
    expect(await verifyCredentials({ email: input.email, password: input.password })).toBeNull();
  });

  it("takes about as long for an unknown email as for a known one (no enumeration by timing)", async () => {
    const input = newAccount();
    await createAccount(input);
    const median = async (email: string) => {
      const times: number[] = [];
      for (let i = 0; i < 7; i++) {
        const start = performance.now();
        await verifyCredentials({ email, password: "wrong password!" });
        times.push(performance.now() - start);
      }
      return times.sort((a, b) => a - b)[3]!;
    };
    await median("warm-up@example.com");
    const known = await median(input.email);
    const unknown = await median("nobody@example.com");
    // Both paths run one argon2id verification; without the dummy hash the unknown path is ~100x faster.
    expect(unknown / known).toBeGreaterThan(0.5);
    expect(unknown / known).toBeLessThan(2);
  });
});
