import "server-only";
import { createCipheriv, createDecipheriv, createHmac } from "node:crypto";
import { env } from "@/lib/env";

// Notification rows are numbered by one sequence for everyone, so two of a person's own ids would
// tell them how many notifications the whole service made in between — how busy it is, and when.
// Readers see their ids sealed instead: the row id encrypted as one AES block under a key that is
// the reader's own (HMAC of their user id under AUTH_SECRET). Deterministic, so a notification keeps
// its id across the page, the live stream and a push; unrelated across readers; and only the
// server can turn one back into a position, which is all Last-Event-ID replay and "mark read up to"
// need. A single block under a per-reader key is a pseudorandom permutation of (id, zero padding):
// the padding checks that the id was sealed for this reader, so one cannot be forged or borrowed.

const TOKEN = /^[A-Za-z0-9_-]{22}$/;
const MAX_ID = 2n ** 63n - 1n;

function readerKey(readerId: string): Buffer {
  return createHmac("sha256", env().AUTH_SECRET).update(`notification-ids:${readerId}`).digest();
}

/** What `readerId` is shown as the id of their notification `id` (22 characters, base64url). */
export function sealNotificationId(readerId: string, id: bigint): string {
  return sealerFor(readerId)(id);
}

/** Seals many ids of one reader with one key derivation (a catch-up, a page). */
export function sealerFor(readerId: string): (id: bigint) => string {
  const key = readerKey(readerId);
  return (id) => {
    const block = Buffer.alloc(16);
    block.writeBigUInt64BE(id, 0);
    const cipher = createCipheriv("aes-256-ecb", key, null).setAutoPadding(false);
    return Buffer.concat([cipher.update(block), cipher.final()]).toString("base64url");
  };
}

/** The row id `token` names, if it is an id sealed for `readerId`; null for anything else. */
export function openNotificationId(readerId: string, token: unknown): bigint | null {
  if (typeof token !== "string" || !TOKEN.test(token)) return null;
  const sealed = Buffer.from(token, "base64url");
  // One spelling per id: the last character has spare bits another token could set.
  if (sealed.length !== 16 || sealed.toString("base64url") !== token) return null;
  const decipher = createDecipheriv("aes-256-ecb", readerKey(readerId), null).setAutoPadding(false);
  const block = Buffer.concat([decipher.update(sealed), decipher.final()]);
  if (block.readBigUInt64BE(8) !== 0n) return null;
  const id = block.readBigUInt64BE(0);
  return id <= MAX_ID ? id : null;
}
