// Signed-in sessions for the bench's synthetic users, made the way a sign-in makes them: a row in
// `sessions` and the encrypted cookie naming it, in the app's format (lib/session-token.js) — minus
// the password check (argon2 on purpose costs ~50 ms, and the bench measures posting, not signing in).
import { encodeSessionToken } from "../../lib/session-token.js";
import { random } from "./random.mjs";
import { insertRows } from "./world.mjs";

export const SESSION_COOKIE = "authjs.session-token";

/**
 * Creates one session per user id. Returns, for each, the app's Cookie header and the bare session
 * id (the baseline server reads that directly: it has no Auth.js).
 */
export async function createSessions(client, userIds, { secret, seed = 1 }) {
  const rng = random(seed);
  const ids = userIds.map(() => rng.token());
  const expires = new Date(Date.now() + 24 * 3600_000);
  await insertRows(
    client,
    `INSERT INTO sessions (id, user_id, expires_at) SELECT * FROM unnest($1::text[], $2::uuid[], $3::timestamptz[])`,
    [ids, userIds, ids.map(() => expires)],
  );
  return Promise.all(
    ids.map(async (sid, index) => ({
      userId: userIds[index],
      sessionId: sid,
      cookie: `${SESSION_COOKIE}=${await encodeSessionToken({ token: { sid }, secret, salt: SESSION_COOKIE, maxAge: 24 * 3600 })}`,
    })),
  );
}
