import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateKeyPair, NONCE_BYTES, NOTE_BYTES, openNote, pairKeys, sealNote } from "@/lib/sealed";

const alice = generateKeyPair();
const bob = generateKeyPair();
const carol = generateKeyPair();
const aliceBob = pairKeys(alice.secretKey, bob.publicKey, "alice", "bob");
const bobAlice = pairKeys(bob.secretKey, alice.publicKey, "bob", "alice");
const aliceCarol = pairKeys(alice.secretKey, carol.publicKey, "alice", "carol");
const TEXT = "Zoë is up for surfing too, 3–5 PM 🏄‍♀️ (Praia do Guincho)";
const MATCH = "match 0b7e9d2c-5f7a-4d1e-9a61-3f0c2a8e4b11";

describe("sealed notes", () => {
  it("open for the friend, with the text exactly as sealed", async () => {
    const sealed = await sealNote(aliceBob.noteKey, TEXT, MATCH);
    expect(await openNote(bobAlice.noteKey, sealed, MATCH)).toBe(TEXT);
    expect(await openNote(aliceBob.noteKey, await sealNote(aliceBob.noteKey, "", MATCH), MATCH)).toBe("");
  });

  it("are nonce ‖ AES-256-GCM ciphertext of (2-byte length ‖ UTF-8 ‖ zeros) ‖ tag, as an independent AES-GCM reads them", async () => {
    const sealed = Buffer.from(await sealNote(aliceBob.noteKey, TEXT, MATCH));
    expect(NOTE_BYTES).toBe(256);
    expect(sealed.length).toBe(NONCE_BYTES + NOTE_BYTES + 16);
    const decipher = createDecipheriv("aes-256-gcm", aliceBob.noteKey, sealed.subarray(0, NONCE_BYTES));
    decipher.setAAD(Buffer.from(MATCH));
    decipher.setAuthTag(sealed.subarray(-16));
    const plain = Buffer.concat([decipher.update(sealed.subarray(NONCE_BYTES, -16)), decipher.final()]);
    const length = Buffer.byteLength(TEXT);
    expect(plain.length).toBe(NOTE_BYTES);
    expect(plain.readUInt16BE(0)).toBe(length);
    expect(plain.subarray(2, 2 + length).toString("utf8")).toBe(TEXT);
    expect(plain.subarray(2 + length).every((byte) => byte === 0)).toBe(true);
  });

  it("are all the same size whatever the text, so the size does not tell the activity", async () => {
    const longest = "é".repeat((NOTE_BYTES - 2) / 2); // 254 bytes of UTF-8
    const texts = ["", "yoga", "board games", "x".repeat(200), TEXT, longest];
    const sizes = await Promise.all(texts.map(async (text) => (await sealNote(aliceBob.noteKey, text, MATCH)).length));
    expect(new Set(sizes)).toEqual(new Set([NONCE_BYTES + NOTE_BYTES + 16]));
    for (const text of texts) expect(await openNote(bobAlice.noteKey, await sealNote(aliceBob.noteKey, text, MATCH), MATCH)).toBe(text);
  });

  it("refuse a text over NOTE_BYTES − 2 bytes of UTF-8, rather than cut it", async () => {
    await expect(sealNote(aliceBob.noteKey, "x".repeat(NOTE_BYTES - 1), MATCH)).rejects.toThrow(RangeError);
    await expect(sealNote(aliceBob.noteKey, "é".repeat(NOTE_BYTES / 2), MATCH)).rejects.toThrow(RangeError); // 128 characters, 256 bytes
    await expect(sealNote(aliceBob.noteKey, "x".repeat(NOTE_BYTES - 2), MATCH)).resolves.toHaveLength(NONCE_BYTES + NOTE_BYTES + 16);
  });

  it("do not open when the sealed plaintext is not a padded note (an impossible length, another size)", async () => {
    const sealRaw = (plain: Buffer) => {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv("aes-256-gcm", aliceBob.noteKey, nonce);
      cipher.setAAD(Buffer.from(MATCH));
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return new Uint8Array(Buffer.concat([nonce, body, cipher.getAuthTag()]));
    };
    const padded = Buffer.alloc(NOTE_BYTES);
    padded.writeUInt16BE(4, 0);
    padded.write("yoga", 2);
    expect(await openNote(bobAlice.noteKey, sealRaw(padded), MATCH)).toBe("yoga");
    padded.writeUInt16BE(NOTE_BYTES - 1, 0);
    await expect(openNote(bobAlice.noteKey, sealRaw(padded), MATCH)).rejects.toThrow("malformed");
    await expect(openNote(bobAlice.noteKey, sealRaw(Buffer.from("yoga")), MATCH)).rejects.toThrow("malformed");
  });

  it("do not open once any byte is changed", async () => {
    const sealed = await sealNote(aliceBob.noteKey, TEXT, MATCH);
    for (const index of [0, NONCE_BYTES - 1, NONCE_BYTES, NONCE_BYTES + 5, sealed.length - 1]) {
      const tampered = sealed.slice();
      tampered[index]! ^= 0x01;
      await expect(openNote(bobAlice.noteKey, tampered, MATCH)).rejects.toThrow("does not open");
    }
    await expect(openNote(bobAlice.noteKey, sealed.subarray(0, sealed.length - 1), MATCH)).rejects.toThrow();
    await expect(openNote(bobAlice.noteKey, sealed.subarray(0, 20), MATCH)).rejects.toThrow();
  });

  it("do not open for another match or plan id (the associated data)", async () => {
    const sealed = await sealNote(aliceBob.noteKey, TEXT, MATCH);
    await expect(openNote(bobAlice.noteKey, sealed, MATCH + "x")).rejects.toThrow("does not open");
    await expect(openNote(bobAlice.noteKey, sealed, "")).rejects.toThrow("does not open");
  });

  it("do not open under another pair's key", async () => {
    const sealed = await sealNote(aliceBob.noteKey, TEXT, MATCH);
    await expect(openNote(aliceCarol.noteKey, sealed, MATCH)).rejects.toThrow("does not open");
    // Nor under the same pair's token key: one key, one job.
    await expect(openNote(aliceBob.tokenKey, sealed, MATCH)).rejects.toThrow("does not open");
  });

  it("differ each time the same text is sealed (a fresh random nonce)", async () => {
    const seals = await Promise.all(Array.from({ length: 20 }, () => sealNote(aliceBob.noteKey, TEXT, MATCH)));
    const hexes = seals.map((sealed) => Buffer.from(sealed).toString("hex"));
    expect(new Set(hexes).size).toBe(seals.length);
    expect(new Set(hexes.map((h) => h.slice(0, NONCE_BYTES * 2))).size).toBe(seals.length);
  });
});
