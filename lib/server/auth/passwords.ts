import "server-only";
import { hash, verify, type Options } from "@node-rs/argon2";

// argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane). `Algorithm` is a const enum
// that isolated modules cannot import, hence the literal.
const ARGON2ID = 2 as NonNullable<Options["algorithm"]>;
const OPTIONS: Options = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// A real hash of a random password, computed once, so that a sign-in for an unknown email costs the
// same argon2 work as one for a known email (no account enumeration by timing).
let dummyHash: Promise<string> | undefined;

/** Verifies `password` against `stored`, or burns equal time against a dummy hash when there is none. */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    dummyHash ??= hash(crypto.randomUUID(), OPTIONS);
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
