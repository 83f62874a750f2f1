// Development and test secrets: generated once per checkout and kept in the git-ignored .data/ folder,
// so `npm run dev` and `npm test` need no setup. Production never uses this file (see scripts/start.mjs).
import { randomBytes } from "node:crypto";
import webpush from "web-push";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DATA_DIR } from "./paths.mjs";

const FILE = join(DATA_DIR, "secrets.json");

export function localSecrets() {
  let secrets = {};
  if (existsSync(FILE)) secrets = JSON.parse(readFileSync(FILE, "utf8"));
  let changed = false;
  if (typeof secrets.AUTH_SECRET !== "string" || secrets.AUTH_SECRET.length < 32) {
    secrets.AUTH_SECRET = randomBytes(32).toString("base64url");
    changed = true;
  }
  if (typeof secrets.VAPID_PUBLIC_KEY !== "string" || typeof secrets.VAPID_PRIVATE_KEY !== "string") {
    const keys = webpush.generateVAPIDKeys();
    secrets.VAPID_PUBLIC_KEY = keys.publicKey;
    secrets.VAPID_PRIVATE_KEY = keys.privateKey;
    changed = true;
  }
  if (changed) {
    mkdirSync(DATA_DIR, { recursive: true });
    writeFileSync(FILE, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600 });
  }
  return secrets;
}

/** The environment with any secret the caller did not set filled in from the local file. */
export function withLocalSecrets(env) {
  const secrets = localSecrets();
  const out = { ...env };
  for (const [key, value] of Object.entries(secrets)) out[key] ||= value;
  return out;
}
