import { createDecipheriv } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateKeyPair, NONCE_BYTES, openNote, pairKeys, sealNote } from "@/lib/sealed";

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

  it("are nonce ‖ AES-256-GCM ciphertext ‖ tag, as an independent AES-GCM reads them", async () => {
    const sealed = Buffer.from(await sealNote(aliceBob.noteKey, TEXT, MATCH));
    expect(sealed.length).toBe(NONCE_BYTES + Buffer.byteLength(TEXT) + 16);
    const decipher = createDecipheriv("aes-256-gcm", aliceBob.noteKey, sealed.subarray(0, NONCE_BYTES));
    decipher.setAAD(Buffer.from(MATCH));
    decipher.setAuthTag(sealed.subarray(-16));
    expect(Buffer.concat([decipher.update(sealed.subarray(NONCE_BYTES, -16)), decipher.final()]).toString("utf8")).toBe(TEXT);
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
