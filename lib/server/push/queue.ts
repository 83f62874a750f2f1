import "server-only";
import { pushVerdict } from "@/lib/push-rules";
import { statement, transaction, tryLock } from "../sql";

// Step 1 of push delivery (lib/server/push/delivery.ts runs both steps): each notification marked
// push = 'pending' is checked against its reader's controls (all push off, muted activity, quiet
// hours, daily cap per friend) and becomes one delivery per device, or stays in the app only
// ('suppressed'). A batch is a few set-based statements in one short transaction, whatever its size.
// Processes queue one at a time (QUEUE_LOCK): the daily cap counts the pushes already decided, and a
// batch deciding beside another would not see the other's. A process that finds the queue busy
// leaves it to the one queueing and goes on to sending.

/** A push older than this is not worth showing: the plans it is about have moved on. */
export const PUSH_TTL_MS = 60 * 60_000;
/** Notifications decided per transaction. */
export const QUEUE_BATCH = 500;
const DAY_MS = 24 * 3_600_000;
const QUEUE_LOCK = "push:queue";

// The pending notifications, oldest first, each with what decides it: its reader's controls and
// devices, and how many pushes about the same friend went to that reader in the last 24 hours (for
// the daily cap). In the order of the (push, created_at) index: ordered by id, Postgres walked the
// whole table's primary key looking for the few pending rows.
const PENDING = statement(
  `SELECT n.id::text, n.user_id AS "userId", n.actor_id AS "actorId", n.created_at AS "createdAt",
          coalesce(d.activity, m.activity, CASE WHEN n.type = 'match_off' THEN n.detail END) AS activity,
          u.push_enabled AS "pushEnabled", u.quiet_hours_start AS "quietHoursStart", u.quiet_hours_end AS "quietHoursEnd",
          u.time_zone AS "timeZone", coalesce(u.muted_activities, '{}') AS "mutedActivities",
          u.push_daily_cap_per_friend AS "pushDailyCapPerFriend",
          ARRAY(SELECT s.id FROM push_subscriptions s WHERE s.user_id = n.user_id ORDER BY s.id) AS devices,
          (SELECT count(*)::int FROM notifications q
           WHERE q.user_id = n.user_id AND q.actor_id = n.actor_id AND q.push = 'queued' AND q.created_at > $2) AS "pushedToday"
   FROM notifications n
   JOIN users u ON u.id = n.user_id
   LEFT JOIN disclosures d ON d.id = n.disclosure_id
   LEFT JOIN matches m ON m.id = n.match_id
   WHERE n.push = 'pending'
   ORDER BY n.created_at, n.id
   LIMIT $1
   FOR UPDATE OF n SKIP LOCKED`,
  ["int8", "timestamptz"],
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
    devices: "uuid[]",
    pushedToday: "int4",
  },
);

// One delivery per device of each notification to push, and each notification's decision.
const DECIDE = statement(
  `WITH deliveries AS (
     INSERT INTO push_deliveries (notification_id, subscription_id, next_attempt_at, expires_at)
     SELECT d.notification_id, d.subscription_id, $1, d.expires_at
     FROM unnest($2::bigint[], $3::uuid[], $4::timestamptz[]) AS d(notification_id, subscription_id, expires_at)
     ON CONFLICT (notification_id, subscription_id) DO NOTHING)
   UPDATE notifications n SET push = v.state
   FROM unnest($5::bigint[], $6::"PushState"[]) AS v(id, state)
   WHERE n.id = v.id`,
  ["timestamptz", "int8[]", "uuid[]", "timestamptz[]", "int8[]", "PushState[]"],
);

export type QueueCounts = { queued: number; suppressed: number };

/**
 * Decides one batch; resolves to how many notifications it decided (fewer than QUEUE_BATCH: none left,
 * or another process is queueing).
 */
export async function queuePushBatch(now: Date, counts: QueueCounts): Promise<number> {
  return transaction(async (tx) => {
    if (!(await tryLock(tx, QUEUE_LOCK))) return 0;
    const pending = await tx.rows(PENDING, [QUEUE_BATCH, new Date(now.getTime() - DAY_MS)]);
    if (pending.length === 0) return 0;
    const pushedToday = new Map<string, number>();
    const deliveries: { notificationId: string; subscriptionId: string; expiresAt: Date }[] = [];
    const decided: { id: string; state: "queued" | "suppressed" }[] = [];
    for (const n of pending) {
      const pair = `${n.userId}:${n.actorId}`;
      const already = n.actorId ? (pushedToday.get(pair) ?? n.pushedToday) : 0;
      const fresh = now.getTime() - n.createdAt.getTime() < PUSH_TTL_MS;
      const targets = fresh && pushVerdict(n, now, n.activity, already) === "push" ? n.devices : [];
      if (targets.length) {
        // Counted here too, so the daily cap holds within a batch as across batches.
        if (n.actorId) pushedToday.set(pair, already + 1);
        const expiresAt = new Date(n.createdAt.getTime() + PUSH_TTL_MS);
        for (const subscriptionId of targets) deliveries.push({ notificationId: n.id, subscriptionId, expiresAt });
      }
      decided.push({ id: n.id, state: targets.length ? "queued" : "suppressed" });
      counts[targets.length ? "queued" : "suppressed"]++;
    }
    await tx.run(DECIDE, [
      now,
      deliveries.map((d) => d.notificationId),
      deliveries.map((d) => d.subscriptionId),
      deliveries.map((d) => d.expiresAt),
      decided.map((d) => d.id),
      decided.map((d) => d.state),
    ]);
    return pending.length;
  });
}
