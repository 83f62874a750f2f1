import "server-only";
import { createHmac } from "node:crypto";
import { env } from "@/lib/env";

/**
 * A keyed hash (HMAC-SHA256 under AUTH_SECRET, base64url) of `value`: how a table names an email, an
 * address or an area without holding it — a list of candidates cannot be matched against it without
 * the server's secret.
 */
export function keyedHash(value: string): string {
  return createHmac("sha256", env().AUTH_SECRET).update(value).digest("base64url");
}
