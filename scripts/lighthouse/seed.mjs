// The person Lighthouse looks at the app as: Sam, with a close friend and two plans of their own (one
// under way, one tonight), and the friend's plan, seeded with plain SQL into an empty, migrated
// database. Sam's account is a month old, as a returning user's is (no first-run checklist).
import { randomUUID } from "node:crypto";
import { latLngToCell } from "h3-js";

const HOUR = 3600_000;

export async function seedPerson(client, now = new Date()) {
  const sam = randomUUID();
  const robin = randomUUID();
  const monthAgo = new Date(now.getTime() - 30 * 24 * HOUR);
  await client.query(
    `INSERT INTO users (id, email, handle, display_name, password_hash, time_zone, created_at) VALUES
     ($1, 'sam@lighthouse.invalid', 'sam', 'Sam Surfer', '!', 'UTC', $3), ($2, 'robin@lighthouse.invalid', 'robin', 'Robin Waves', '!', 'UTC', $3)`,
    [sam, robin, monthAgo],
  );
  await client.query("INSERT INTO friendships (owner_id, friend_id, close) VALUES ($1, $2, true), ($2, $1, true)", [sam, robin]);
  const cell = latLngToCell(38.6786, -9.3357, 7);
  const plans = [
    [sam, "surfing", now.getTime() - 10 * 60_000, now.getTime() + 2 * HOUR, "Bringing a spare board"],
    [sam, "tennis", now.getTime() + 6 * HOUR, now.getTime() + 8 * HOUR, null],
    [robin, "climbing", now.getTime() + HOUR, now.getTime() + 3 * HOUR, null],
  ];
  for (const [userId, activity, startsAt, endsAt, note] of plans) {
    // matched_at set: the plans are as the matcher left them (background jobs are off anyway).
    await client.query(
      `INSERT INTO plans (id, user_id, activity, starts_at, ends_at, cell, travel_km, audience, note, area_counted, created_at, matched_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, 10, 'close', $6, true, now(), now())`,
      [userId, activity, new Date(startsAt), new Date(endsAt), cell, note],
    );
  }
  return { userId: sam };
}
