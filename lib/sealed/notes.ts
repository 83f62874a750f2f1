// Sealed matching, notes: the notification text of a match ("Alice is up for surfing too, 3–5 PM"),
// sealed with AES-256-GCM under the pair's `noteKey` so only the two friends can read it. WebCrypto
// only (globalThis.crypto.subtle), the same in the browser and in Node 20.
export const NONCE_BYTES = 12;
/**
 * Every note's plaintext is this long: a 2-byte big-endian length, the UTF-8 text, zero bytes. The
 * ciphertext's size would otherwise tell the server the text's length, and so, among ten
 * activities, often which one. Texts longer than NOTE_BYTES − 2 bytes are refused, never cut.
 */
export const NOTE_BYTES = 256;
const LENGTH_BYTES = 2;
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

/** The text in a fixed NOTE_BYTES: length prefix, UTF-8, zeros. RangeError when it does not fit. */
function pad(text: string): Uint8Array<ArrayBuffer> {
  const encoded = utf8(text);
  if (encoded.length > NOTE_BYTES - LENGTH_BYTES) throw new RangeError(`a note is at most ${NOTE_BYTES - LENGTH_BYTES} bytes of UTF-8`);
  const padded = new Uint8Array(NOTE_BYTES);
  padded[0] = encoded.length >> 8;
  padded[1] = encoded.length & 0xff;
  padded.set(encoded, LENGTH_BYTES);
  return padded;
}

/** The text back from `pad`'s bytes; throws on a size or length prefix `pad` never makes. */
function unpad(padded: Uint8Array): string {
  const length = (padded[0]! << 8) | padded[1]!;
  if (padded.length !== NOTE_BYTES || length > NOTE_BYTES - LENGTH_BYTES) throw new Error("sealed note is malformed");
  return new TextDecoder("utf-8", { fatal: true }).decode(padded.subarray(LENGTH_BYTES, LENGTH_BYTES + length));
}

/**
 * nonce (12 random bytes) ‖ ciphertext of the padded text (NOTE_BYTES) ‖ tag: every note is the same
 * size. `associatedData` (the match or plan id) is bound in but not stored: a note moved to another
 * match does not open. Random nonces are safe here: a pair's key seals a handful of notes, nowhere
 * near the 2^32 messages where a repeat becomes likely.
 */
export async function sealNote(noteKey: Uint8Array, text: string, associatedData: string): Promise<Uint8Array> {
  const padded = pad(text);
  const key = await importNoteKey(noteKey, "encrypt");
  const nonce = globalThis.crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  const sealed = await subtle().encrypt({ name: "AES-GCM", iv: nonce, additionalData: utf8(associatedData) }, key, padded);
  const out = new Uint8Array(NONCE_BYTES + sealed.byteLength);
  out.set(nonce);
  out.set(new Uint8Array(sealed), NONCE_BYTES);
  return out;
}

/** The text, or throws when the note was altered, sealed under another key or for another id, or not padded as `sealNote` pads. */
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
  return unpad(new Uint8Array(plain));
}
