// Sealed matching, notes: the notification text of a match ("Alice is up for surfing too, 3–5 PM"),
// sealed with AES-256-GCM under the pair's `noteKey` so only the two friends can read it. WebCrypto
// only (globalThis.crypto.subtle), the same in the browser and in Node 20.
export const NONCE_BYTES = 12;
const TAG_BYTES = 16;

function subtle(): SubtleCrypto {
  const api = globalThis.crypto?.subtle;
  if (!api) throw new Error("WebCrypto is not available (a secure context is needed)");
  return api;
}

// WebCrypto wants ArrayBuffer-backed views; a copy also keeps the caller's array out of its hands.
const bytes = (value: Uint8Array) => new Uint8Array(value);
const utf8 = (text: string) => new TextEncoder().encode(text);

function importNoteKey(noteKey: Uint8Array, usage: "encrypt" | "decrypt"): Promise<CryptoKey> {
  if (noteKey.length !== 32) throw new RangeError("the note key is 32 bytes");
  return subtle().importKey("raw", bytes(noteKey), "AES-GCM", false, [usage]);
}

/**
 * nonce (12 random bytes) ‖ ciphertext ‖ tag. `associatedData` (the match or plan id) is bound in but
 * not stored: a note moved to another match does not open. Random nonces are safe here: a pair's key
 * seals a handful of notes, nowhere near the 2^32 messages where a repeat becomes likely.
 */
export async function sealNote(noteKey: Uint8Array, text: string, associatedData: string): Promise<Uint8Array> {
  const key = await importNoteKey(noteKey, "encrypt");
  const nonce = globalThis.crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  const sealed = await subtle().encrypt({ name: "AES-GCM", iv: nonce, additionalData: utf8(associatedData) }, key, utf8(text));
  const out = new Uint8Array(NONCE_BYTES + sealed.byteLength);
  out.set(nonce);
  out.set(new Uint8Array(sealed), NONCE_BYTES);
  return out;
}

/** The text, or throws when the note was altered, sealed under another key, or for another id. */
export async function openNote(noteKey: Uint8Array, sealed: Uint8Array, associatedData: string): Promise<string> {
  if (sealed.length < NONCE_BYTES + TAG_BYTES) throw new Error("sealed note does not open");
  const key = await importNoteKey(noteKey, "decrypt");
  let plain: ArrayBuffer;
  try {
    plain = await subtle().decrypt(
      { name: "AES-GCM", iv: bytes(sealed.subarray(0, NONCE_BYTES)), additionalData: utf8(associatedData) },
      key,
      bytes(sealed.subarray(NONCE_BYTES)),
    );
  } catch {
    throw new Error("sealed note does not open");
  }
  return new TextDecoder("utf-8", { fatal: true }).decode(plain);
}
