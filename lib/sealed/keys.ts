// Sealed matching, keys: each account's X25519 key pair (made in the browser), the key a pair of
// friends shares without the server, its two single-purpose subkeys, and the safety number people
// compare in person. Client-safe: composes @noble primitives only, no node:* imports.
import { x25519 } from "@noble/curves/ed25519.js";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

export const KEY_BYTES = 32;
/** HKDF salt of every key below: a new version of the scheme gets new keys, never old ones reused. */
export const SEALED_SALT = "overlap/sealed/v1";
const SAFETY_LABEL = "overlap/safety/v1";
/** Digits per key in the safety number. */
const SAFETY_DIGITS = 12;

export type KeyPair = { secretKey: Uint8Array; publicKey: Uint8Array };
export type PairKeys = { tokenKey: Uint8Array; noteKey: Uint8Array };

/** A fresh X25519 key pair from the platform's CSPRNG (WebCrypto's getRandomValues, in Node too). */
export function generateKeyPair(): KeyPair {
  const { secretKey, publicKey } = x25519.keygen();
  return { secretKey, publicKey };
}

const FIELD_PRIME = 2n ** 255n - 19n;
/** The five u-coordinates of order dividing 8 (RFC 7748 §7; noble's list), little-endian hex. */
const LOW_ORDER = new Set([
  "0000000000000000000000000000000000000000000000000000000000000000",
  "0100000000000000000000000000000000000000000000000000000000000000",
  "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
  "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
  "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
]);

/**
 * A friend's public key as one exact byte string: 32 bytes, the top bit of the last clear and the
 * value below 2^255 − 19. X25519 ignores that bit and reduces mod p, so each other spelling of a key
 * gives the same shared secret under a different safety number and pair key: a
 * server could hand out a twin whose digits nobody has compared. Low-order keys (shared secret known
 * to anyone) are refused too.
 */
function checkPublicKey(key: Uint8Array): void {
  if (key.length !== KEY_BYTES) throw new RangeError("X25519 keys are 32 bytes");
  if (key[KEY_BYTES - 1]! & 0x80) throw new RangeError("non-canonical X25519 public key (top bit set)");
  let value = 0n;
  for (let i = KEY_BYTES - 1; i >= 0; i--) value = (value << 8n) | BigInt(key[i]!);
  if (value >= FIELD_PRIME) throw new RangeError("non-canonical X25519 public key (not reduced mod p)");
  if (LOW_ORDER.has(bytesToHex(key))) throw new RangeError("low-order X25519 public key");
}

function hkdf32(ikm: Uint8Array, info: string): Uint8Array {
  return hkdf(sha256, ikm, utf8ToBytes(SEALED_SALT), utf8ToBytes(info), KEY_BYTES);
}

/**
 * The pair's keys, the same on both sides: X25519 shared secret → HKDF-SHA256 pair key → one subkey
 * per job by HKDF info ("tokens": the HMAC key of match tokens; "notes": the AES-256-GCM key of
 * sealed notes). Never one key for two jobs. The pair key's info is
 * "pair|smallerId|largerId|hex(smaller's public key)|hex(larger's public key)": sorted by id so the
 * order does not matter, bound to one pair of accounts and to the exact two keys whose safety
 * number they compare (the shared secret alone does not fix them). Our own public key is derived
 * from the secret here, so callers cannot pass a wrong one.
 *
 * Throws on a non-canonical or low-order public key (see `checkPublicKey`) and on ids that would
 * make the info string ambiguous.
 */
export function pairKeys(mySecret: Uint8Array, theirPublic: Uint8Array, myId: string, theirId: string): PairKeys {
  if (mySecret.length !== KEY_BYTES) throw new RangeError("X25519 keys are 32 bytes");
  checkPublicKey(theirPublic);
  if (!myId || !theirId || myId.includes("|") || theirId.includes("|")) throw new RangeError("user ids must be non-empty and free of '|'");
  if (myId === theirId) throw new RangeError("a pair is two different accounts");
  const shared = x25519.getSharedSecret(mySecret, theirPublic);
  const mine = { id: myId, key: bytesToHex(x25519.getPublicKey(mySecret)) };
  const theirs = { id: theirId, key: bytesToHex(theirPublic) };
  const [smaller, larger] = myId < theirId ? [mine, theirs] : [theirs, mine];
  const pairKey = hkdf32(shared, `pair|${smaller.id}|${larger.id}|${smaller.key}|${larger.key}`);
  const keys = { tokenKey: hkdf32(pairKey, "tokens"), noteKey: hkdf32(pairKey, "notes") };
  shared.fill(0);
  pairKey.fill(0);
  return keys;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}

/** Twelve digits that depend on one public key alone: SHA-256("overlap/safety/v1" ‖ key), 64 bits mod 10^12. */
function keyDigits(publicKey: Uint8Array): string {
  const digest = sha256(new Uint8Array([...utf8ToBytes(SAFETY_LABEL), ...publicKey]));
  // The bias of 64 bits reduced mod 10^12 (under 10^-7) is far below anything a person could notice.
  let value = 0n;
  for (const byte of digest.subarray(0, 8)) value = (value << 8n) | BigInt(byte);
  return (value % 10n ** BigInt(SAFETY_DIGITS)).toString().padStart(SAFETY_DIGITS, "0");
}

/**
 * Twenty-four digits in groups of four, the same for both friends: each key's own twelve digits,
 * the two keys in byte order. If they differ when compared in person, someone (the server) handed
 * out a key that is not the friend's.
 *
 * One half per key, not one hash over both: a server in the middle shows Alice (A, M1) and Bob
 * (M2, B), and with a single 12-digit hash over both keys it could search M1 and M2 together until
 * the two numbers agree — a birthday search of about 10^6 keys a side. With a half per key it must
 * find an M1 whose digits equal B's and an M2 whose digits equal A's: about 10^12 keys each.
 * Keys are refused unless canonical (`checkPublicKey`): one key, one number.
 */
export function safetyNumber(publicKeyA: Uint8Array, publicKeyB: Uint8Array): string {
  checkPublicKey(publicKeyA);
  checkPublicKey(publicKeyB);
  const [first, second] = compareBytes(publicKeyA, publicKeyB) <= 0 ? [publicKeyA, publicKeyB] : [publicKeyB, publicKeyA];
  return (keyDigits(first) + keyDigits(second)).match(/.{4}/g)!.join(" ");
}
