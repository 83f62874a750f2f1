import "server-only";
import { pushVerdict } from "@/lib/push-rules";
import { statement, transaction, type RowOf, type Tx } from "../sql";

// Step 1 of push delivery (lib/server/push/delivery.ts runs both steps): each notification marked
// push = 'pending' is checked against its reader's controls (all push off, muted activity, quiet
// hours, daily cap per friend) and becomes one delivery per device, or stays in the app only
// ('suppressed'). A batch is a few set-based statements in one short transaction, whatever its size;
// rows are claimed with SKIP LOCKED, so several processes can queue at once.

/** A push older than this is not worth showing: the plans it is about have moved on. */
export const PUSH_TTL_MS = 60 * 60_000;
/** Notifications decided per transaction. */
export const QUEUE_BATCH = 500;
const DAY_MS = 24 * 3_600_000;

const PENDING = statement(
  `SELECT n.id::text, n.user_id AS "userId", n.actor_id AS "actorId", n.created_at AS "createdAt",
          coalesce(d.activity, m.activity, CASE WHEN n.type = 'match_off' THEN n.detail END) AS activity,
          u.push_enabled AS "pushEnabled", u.quiet_hours_start AS "quietHoursStart", u.quiet_hours_end AS "quietHoursEnd",
          u.time_zone AS "timeZone", coalesce(u.muted_activities, '{}') AS "mutedActivities",
          u.push_daily_cap_per_friend AS "pushDailyCapPerFriend"
   FROM notifications n
   JOIN users u ON u.id = n.user_id
   LEFT JOIN disclosures d ON d.id = n.disclosure_id
   LEFT JOIN matches m ON m.id = n.match_id
   WHERE n.push = 'pending'
   ORDER BY n.id
   LIMIT $1
   FOR UPDATE OF n SKIP LOCKED`,
  ["int8"],
  {
    id: "text",
    userId: "uuid",
    actorId: "uuid?",
    createdAt: "timestamptz",
    activity: "text?",
    pushEnabled: "bool",
    quietHoursStart: "int2?",
    quietHoursEnd: "int2?",
    timeZone: "text",
    mutedActivities: "text[]",
    pushDailyCapPerFriend: "int2",
  },
);
type Pending = RowOf<typeof PENDING.columns>;

const INSERT_DELIVERIES = statement(
  `INSERT INTO push_deliveries (notification_id, subscription_id, next_attempt_at, expires_at)
   SELECT d.notification_id, d.subscription_id, $1, d.expires_at
   FROM unnest($2::bigint[], $3::uuid[], $4::timestamptz[]) AS d(notification_id, subscription_id, expires_at)
   ON CONFLICT (notification_id, subscription_id) DO NOTHING`,
  ["timestamptz", "int8[]", "uuid[]", "timestamptz[]"],
);

const DECIDE = statement(
  `UPDATE notifications n SET push = v.state
   FROM unnest($1::bigint[], $2::"PushState"[]) AS v(id, state)
   WHERE n.id = v.id`,
  ["int8[]", "PushState[]"],
);

const PUSHES_TODAY = statement(
  `SELECT n.user_id AS "userId", n.actor_id AS "actorId", count(*)::int AS count
   FROM notifications n
   JOIN (SELECT DISTINCT * FROM unnest($1::uuid[], $2::uuid[])) AS p(user_id, actor_id)
     ON n.user_id = p.user_id AND n.actor_id = p.actor_id
   WHERE n.push = 'queued' AND n.created_at > $3
   GROUP BY 1, 2`,
  ["uuid[]", "uuid[]", "timestamptz"],
  { userId: "uuid", actorId: "uuid?", count: "int4" },
);

const DEVICES = statement(`SELECT id, user_id AS "userId" FROM push_subscriptions WHERE user_id = ANY($1::uuid[])`, ["uuid[]"], { id: "uuid", userId: "uuid" });

export type QueueCounts = { queued: number; suppressed: number };

/** Decides one batch; resolves to how many notifications it decided (fewer than QUEUE_BATCH: none left). */
export async function queuePushBatch(now: Date, counts: QueueCounts): Promise<number> {
  return transaction(async (tx) => {
    const pending = await tx.rows(PENDING, [QUEUE_BATCH]);
    if (pending.length === 0) return 0;
    const [pushedToday, devices] = await Promise.all([pushesToday(tx, pending, now), devicesOf(tx, pending)]);

    const deliveries: { notificationId: string; subscriptionId: string; expiresAt: Date }[] = [];
    const decided: { id: string; state: "queued" | "suppressed" }[] = [];
    for (const n of pending) {
      const pair = `${n.userId}:${n.actorId}`;
      const already = n.actorId ? (pushedToday.get(pair) ?? 0) : 0;
      const fresh = now.getTime() - n.createdAt.getTime() < PUSH_TTL_MS;
      const targets = fresh && pushVerdict(n, now, n.activity, already) === "push" ? (devices.get(n.userId) ?? []) : [];
      if (targets.length) {
        // Counted here too, so the daily cap holds within a batch as across batches.
        if (n.actorId) pushedToday.set(pair, already + 1);
        const expiresAt = new Date(n.createdAt.getTime() + PUSH_TTL_MS);
        for (const subscriptionId of targets) deliveries.push({ notificationId: n.id, subscriptionId, expiresAt });
      }
      decided.push({ id: n.id, state: targets.length ? "queued" : "suppressed" });
      counts[targets.length ? "queued" : "suppressed"]++;
    }
    if (deliveries.length) {
      await tx.run(INSERT_DELIVERIES, [
        now,
        deliveries.map((d) => d.notificationId),
        deliveries.map((d) => d.subscriptionId),
        deliveries.map((d) => d.expiresAt),
      ]);
    }
    await tx.run(DECIDE, [decided.map((d) => d.id), decided.map((d) => d.state)]);
    return pending.length;
  });
}

/** How many pushes about each (reader, friend) pair of the batch went out in the last 24 hours. */
async function pushesToday(tx: Tx, pending: Pending[], now: Date): Promise<Map<string, number>> {
  const pairs = pending.filter((n) => n.actorId);
  if (pairs.length === 0) return new Map();
  const rows = await tx.rows(PUSHES_TODAY, [pairs.map((n) => n.userId), pairs.map((n) => n.actorId!), new Date(now.getTime() - DAY_MS)]);
  return new Map(rows.map((row) => [`${row.userId}:${row.actorId}`, row.count]));
}

/** Each reader's devices. */
async function devicesOf(tx: Tx, pending: Pending[]): Promise<Map<string, string[]>> {
  const rows = await tx.rows(DEVICES, [[...new Set(pending.map((n) => n.userId))]]);
  const byUser = new Map<string, string[]>();
  for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row.id]);
  return byUser;
}
