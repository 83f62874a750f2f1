import { decodeProtectedHeader, errors } from "jose";
import { encode as encodeInAuthJsFormat } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { decodeSessionToken, encodeSessionToken } from "@/lib/session-token";

const secret = "s".repeat(44);
const salt = "authjs.session-token";
const DAY = 24 * 60 * 60;

afterEach(() => {
  vi.useRealTimers();
});

/** The token with one character of its ciphertext (the fourth segment) changed. */
function tampered(token: string): string {
  const parts = token.split(".");
  const ciphertext = parts[3]!;
  parts[3] = (ciphertext[0] === "A" ? "B" : "A") + ciphertext.slice(1);
  return parts.join(".");
}

describe("session token", () => {
  it("round-trips the claims with iat, exp = iat + maxAge and a jti, as dir + A256GCM", async () => {
    const token = await encodeSessionToken({ token: { sid: "abc", user: { id: "u", displayName: "U", handle: "u" } }, secret, salt, maxAge: DAY });
    expect(decodeProtectedHeader(token)).toEqual({ alg: "dir", enc: "A256GCM" });
    const payload = await decodeSessionToken({ token, secret, salt });
    expect(payload).toMatchObject({ sid: "abc", user: { id: "u", displayName: "U", handle: "u" } });
    expect(payload!.exp! - payload!.iat!).toBe(DAY);
    expect(payload!.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("defaults to Auth.js's 30 days and gives each token its own jti", async () => {
    const [a, b] = await Promise.all([1, 2].map(() => encodeSessionToken({ token: { sid: "abc" }, secret, salt })));
    const [first, second] = await Promise.all([a!, b!].map((token) => decodeSessionToken({ token, secret, salt })));
    expect(first!.exp! - first!.iat!).toBe(30 * DAY);
    expect(first!.jti).not.toBe(second!.jti);
  });

  it("returns null without a token, as Auth.js's decode does", async () => {
    expect(await decodeSessionToken({ token: undefined, secret, salt })).toBeNull();
    expect(await decodeSessionToken({ token: "", secret, salt })).toBeNull();
  });

  it("refuses an expired token once the 15 s clock tolerance has passed", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const issuedAt = new Date("2026-11-01T12:00:00Z");
    vi.setSystemTime(issuedAt);
    const token = await encodeSessionToken({ token: { sid: "abc" }, secret, salt, maxAge: 60 });

    vi.setSystemTime(issuedAt.getTime() + (60 + 10) * 1000);
    expect(await decodeSessionToken({ token, secret, salt })).toMatchObject({ sid: "abc" });
    vi.setSystemTime(issuedAt.getTime() + (60 + 16) * 1000);
    await expect(decodeSessionToken({ token, secret, salt })).rejects.toThrow(errors.JWTExpired);
  });

  it("refuses a token encrypted under another secret or for another cookie name (salt)", async () => {
    const token = await encodeSessionToken({ token: { sid: "abc" }, secret, salt });
    await expect(decodeSessionToken({ token, secret: `${secret}-other`, salt })).rejects.toThrow(errors.JWEDecryptionFailed);
    await expect(decodeSessionToken({ token, secret, salt: `__Secure-${salt}` })).rejects.toThrow(errors.JWEDecryptionFailed);
  });

  it("with several secrets, encrypts under the first and decrypts under any", async () => {
    const token = await encodeSessionToken({ token: { sid: "abc" }, secret: [secret, "old"], salt });
    expect(await decodeSessionToken({ token, secret, salt })).toMatchObject({ sid: "abc" });
    expect(await decodeSessionToken({ token, secret: ["newer", secret], salt })).toMatchObject({ sid: "abc" });
    await expect(decodeSessionToken({ token, secret: ["newer", "old"], salt })).rejects.toThrow(errors.JWEDecryptionFailed);
  });

  it("refuses a tampered ciphertext", async () => {
    const token = await encodeSessionToken({ token: { sid: "abc" }, secret, salt });
    await expect(decodeSessionToken({ token: tampered(token), secret, salt })).rejects.toThrow(errors.JWEDecryptionFailed);
  });

  it("refuses Auth.js's own format (A256CBC-HS512) under the same secret and salt", async () => {
    const token = await encodeInAuthJsFormat({ token: { sid: "abc" }, secret, salt });
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: "dir", enc: "A256CBC-HS512" });
    await expect(decodeSessionToken({ token, secret, salt })).rejects.toThrow(errors.JOSEAlgNotAllowed);
  });

  it("refuses what is not a JWE at all", async () => {
    await expect(decodeSessionToken({ token: "forged.value.here", secret, salt })).rejects.toThrow(errors.JOSEError);
  });
});
