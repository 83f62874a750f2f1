import { createHash, createPrivateKey, createPublicKey, diffieHellman, hkdfSync } from "node:crypto";
import { x25519 } from "@noble/curves/ed25519.js";
import { describe, expect, it } from "vitest";
import { generateKeyPair, KEY_BYTES, pairKeys, safetyNumber } from "@/lib/sealed";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const fromHex = (text: string) => new Uint8Array(Buffer.from(text, "hex"));
const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");

// RFC 7748 §6.1.
const ALICE_SECRET = fromHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
const ALICE_PUBLIC = fromHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
const BOB_SECRET = fromHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
const BOB_PUBLIC = fromHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
const RFC_SHARED = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

/** The same derivation as lib/sealed/keys.ts, written against Node's own HKDF: ids sorted, each with its public key. */
function referencePairKeys(shared: Uint8Array, a: { id: string; publicKey: Uint8Array }, b: { id: string; publicKey: Uint8Array }) {
  const [smaller, larger] = [a, b].sort((x, y) => (x.id < y.id ? -1 : 1));
  const derive = (ikm: Uint8Array, info: string) => new Uint8Array(hkdfSync("sha256", ikm, "overlap/sealed/v1", info, 32));
  const pairKey = derive(shared, `pair|${smaller!.id}|${larger!.id}|${hex(smaller!.publicKey)}|${hex(larger!.publicKey)}`);
  return { tokenKey: hex(derive(pairKey, "tokens")), noteKey: hex(derive(pairKey, "notes")) };
}

/** The same key with the top bit of its last byte set: X25519 masks that bit off. */
const topBitSet = (key: Uint8Array) => {
  const twin = key.slice();
  twin[31]! |= 0x80;
  return twin;
};
/** u + (2^255 − 19) in 32 little-endian bytes, top bit clear: X25519 reduces it to u. */
const unreduced = (u: number) => {
  let value = 2n ** 255n - 19n + BigInt(u);
  return new Uint8Array(32).map(() => {
    const byte = Number(value & 0xffn);
    value >>= 8n;
    return byte;
  });
};
/** The order-1, 2, 4 and 8 points (RFC 7748 §7), canonical. */
const LOW_ORDER = [
  new Uint8Array(32),
  fromHex("0100000000000000000000000000000000000000000000000000000000000000"),
  fromHex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
  fromHex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"),
  fromHex("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157"),
];

describe("X25519", () => {
  it("gives RFC 7748's public keys and shared secret", () => {
    expect(hex(x25519.getPublicKey(ALICE_SECRET))).toBe(hex(ALICE_PUBLIC));
    expect(hex(x25519.getPublicKey(BOB_SECRET))).toBe(hex(BOB_PUBLIC));
    expect(hex(x25519.getSharedSecret(ALICE_SECRET, BOB_PUBLIC))).toBe(RFC_SHARED);
    expect(hex(x25519.getSharedSecret(BOB_SECRET, ALICE_PUBLIC))).toBe(RFC_SHARED);
  });

  it("agrees with Node's X25519 on fresh key pairs", () => {
    const alice = generateKeyPair();
    const bob = generateKeyPair();
    expect(alice.secretKey).toHaveLength(KEY_BYTES);
    expect(alice.publicKey).toHaveLength(KEY_BYTES);
    const privateKey = createPrivateKey({ key: { kty: "OKP", crv: "X25519", d: b64url(alice.secretKey), x: b64url(alice.publicKey) }, format: "jwk" });
    const publicKey = createPublicKey({ key: { kty: "OKP", crv: "X25519", x: b64url(bob.publicKey) }, format: "jwk" });
    expect(hex(diffieHellman({ privateKey, publicKey }))).toBe(hex(x25519.getSharedSecret(alice.secretKey, bob.publicKey)));
  });
});

describe("pairKeys", () => {
  it("derives the RFC pair's keys as an independent HKDF does", () => {
    const keys = pairKeys(ALICE_SECRET, BOB_PUBLIC, "user-alice", "user-bob");
    const alice = { id: "user-alice", publicKey: ALICE_PUBLIC };
    const bob = { id: "user-bob", publicKey: BOB_PUBLIC };
    const expected = referencePairKeys(fromHex(RFC_SHARED), alice, bob);
    expect({ tokenKey: hex(keys.tokenKey), noteKey: hex(keys.noteKey) }).toEqual(expected);
    // Bob's side, and ids whose order is the other way round from the keys'.
    const his = pairKeys(BOB_SECRET, ALICE_PUBLIC, "user-bob", "user-alice");
    expect({ tokenKey: hex(his.tokenKey), noteKey: hex(his.noteKey) }).toEqual(expected);
    const swapped = pairKeys(ALICE_SECRET, BOB_PUBLIC, "z-alice", "a-bob");
    const swappedExpected = referencePairKeys(fromHex(RFC_SHARED), { ...alice, id: "z-alice" }, { ...bob, id: "a-bob" });
    expect({ tokenKey: hex(swapped.tokenKey), noteKey: hex(swapped.noteKey) }).toEqual(swappedExpected);
  });

  it("binds both public keys: the same shared secret under the ids alone would give other keys", () => {
    const idsOnly = (shared: Uint8Array) => {
      const derive = (ikm: Uint8Array, info: string) => new Uint8Array(hkdfSync("sha256", ikm, "overlap/sealed/v1", info, 32));
      return hex(derive(derive(shared, "pair|user-alice|user-bob"), "tokens"));
    };
    expect(hex(pairKeys(ALICE_SECRET, BOB_PUBLIC, "user-alice", "user-bob").tokenKey)).not.toBe(idsOnly(fromHex(RFC_SHARED)));
  });

  it("gives both friends the same keys, and two different keys for the two jobs", () => {
    const alice = generateKeyPair();
    const bob = generateKeyPair();
    const hers = pairKeys(alice.secretKey, bob.publicKey, "a1", "b2");
    const his = pairKeys(bob.secretKey, alice.publicKey, "b2", "a1");
    expect(hex(his.tokenKey)).toBe(hex(hers.tokenKey));
    expect(hex(his.noteKey)).toBe(hex(hers.noteKey));
    expect(hex(hers.tokenKey)).not.toBe(hex(hers.noteKey));
    expect(hers.tokenKey).toHaveLength(32);
    expect(hers.noteKey).toHaveLength(32);
  });

  it("gives every pair its own keys, bound to both accounts", () => {
    const [alice, bob, carol] = [generateKeyPair(), generateKeyPair(), generateKeyPair()];
    const aliceBob = pairKeys(alice.secretKey, bob.publicKey, "alice", "bob");
    const aliceCarol = pairKeys(alice.secretKey, carol.publicKey, "alice", "carol");
    const bobCarol = pairKeys(bob.secretKey, carol.publicKey, "bob", "carol");
    const all = [aliceBob, aliceCarol, bobCarol].flatMap((keys) => [hex(keys.tokenKey), hex(keys.noteKey)]);
    expect(new Set(all).size).toBe(all.length);
    // The same keys under other account ids give other pair keys.
    expect(hex(pairKeys(alice.secretKey, bob.publicKey, "alice", "mallory").tokenKey)).not.toBe(hex(aliceBob.tokenKey));
  });

  it("refuses a low-order public key, the same account twice, and ids that make the info ambiguous", () => {
    const alice = generateKeyPair();
    expect(() => pairKeys(alice.secretKey, new Uint8Array(32), "a", "b")).toThrow();
    expect(() => pairKeys(alice.secretKey, alice.publicKey, "a", "a")).toThrow(RangeError);
    expect(() => pairKeys(alice.secretKey, alice.publicKey, "a|b", "c")).toThrow(RangeError);
    expect(() => pairKeys(alice.secretKey, new Uint8Array(31), "a", "b")).toThrow(RangeError);
    for (const lowOrder of LOW_ORDER) expect(() => pairKeys(alice.secretKey, lowOrder, "a", "b")).toThrow(RangeError);
  });

  it("refuses a non-canonical public key, though X25519 alone would take it as the canonical one", () => {
    const alice = generateKeyPair();
    const twin = topBitSet(BOB_PUBLIC);
    // The twin gives the very same shared secret: only the check tells them apart.
    expect(hex(x25519.getSharedSecret(alice.secretKey, twin))).toBe(hex(x25519.getSharedSecret(alice.secretKey, BOB_PUBLIC)));
    expect(() => pairKeys(alice.secretKey, twin, "a", "b")).toThrow(RangeError);
    expect(() => pairKeys(alice.secretKey, unreduced(9), "a", "b")).toThrow(RangeError);
    expect(() => pairKeys(alice.secretKey, BOB_PUBLIC, "a", "b")).not.toThrow();
  });
});

describe("safetyNumber", () => {
  /** One key's twelve digits, recomputed with Node's SHA-256. */
  const digitsOf = (key: Uint8Array) =>
    (createHash("sha256").update("overlap/safety/v1").update(key).digest().readBigUInt64BE(0) % 10n ** 12n).toString().padStart(12, "0");

  it("is twenty-four digits in groups of four, the same in either order", () => {
    const number = safetyNumber(ALICE_PUBLIC, BOB_PUBLIC);
    expect(number).toMatch(/^\d{4}( \d{4}){5}$/);
    expect(safetyNumber(BOB_PUBLIC, ALICE_PUBLIC)).toBe(number);
  });

  it("is each key's own SHA-256 digits, the keys in byte order", () => {
    const [first, second] = [ALICE_PUBLIC, BOB_PUBLIC].sort((a, b) => Buffer.compare(a, b));
    expect(safetyNumber(ALICE_PUBLIC, BOB_PUBLIC).replaceAll(" ", "")).toBe(digitsOf(first!) + digitsOf(second!));
  });

  it("changes when either key changes, and a swapped key changes its own half", () => {
    const number = safetyNumber(ALICE_PUBLIC, BOB_PUBLIC).replaceAll(" ", "");
    const mallory = generateKeyPair().publicKey;
    const withMallory = safetyNumber(ALICE_PUBLIC, mallory).replaceAll(" ", "");
    expect(withMallory).not.toBe(number);
    expect(safetyNumber(mallory, BOB_PUBLIC)).not.toBe(safetyNumber(ALICE_PUBLIC, BOB_PUBLIC));
    // Alice's twelve digits stay; Bob's are replaced by Mallory's, which a server would have to make equal to Bob's.
    expect(withMallory).toContain(digitsOf(ALICE_PUBLIC));
    expect(withMallory).toContain(digitsOf(mallory));
    const flipped = ALICE_PUBLIC.slice();
    flipped[31]! ^= 1;
    expect(safetyNumber(flipped, BOB_PUBLIC)).not.toBe(safetyNumber(ALICE_PUBLIC, BOB_PUBLIC));
  });

  it("refuses a non-canonical spelling of a key (it would show other digits for the same key), a low-order key, a wrong length", () => {
    for (const bad of [topBitSet(BOB_PUBLIC), unreduced(9), ...LOW_ORDER, new Uint8Array(31), new Uint8Array(33)]) {
      expect(() => safetyNumber(ALICE_PUBLIC, bad)).toThrow(RangeError);
      expect(() => safetyNumber(bad, ALICE_PUBLIC)).toThrow(RangeError);
    }
  });
});
