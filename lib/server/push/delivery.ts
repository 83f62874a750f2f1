import "server-only";
import webpush from "web-push";
import { env } from "@/lib/env";
import { pushVerdict, type PushControls } from "@/lib/push-rules";
import { db, pool } from "../db";
import { getNotificationView, type NotificationView } from "../notifications";

// Push delivery, driven by the same notification rows as the live stream. Two steps, each safe to run
// in several processes at once (rows are claimed with SKIP LOCKED):
// 1. queue: each notification marked push = 'pending' is checked against its reader's controls (all
//    push off, muted activity, quiet hours, daily cap per friend) and becomes one delivery per device,
//    or stays in the app only ('suppressed').
// 2. send: due deliveries are claimed for a short lease, encrypted (RFC 8291) and posted with a TTL.
//    404/410 removes the device; 429, 5xx and timeouts retry with backoff until the TTL runs out.
// A retry after a lost answer may reach the device twice: the payload's tag makes the second one
// replace the first instead of showing again.

/** A push older than this is not worth showing: the plans it is about have moved on. */
export const PUSH_TTL_MS = 60 * 60_000;
export const MAX_ATTEMPTS = 5;
const FIRST_RETRY_MS = 15_000;
const LEASE_MS = 60_000;
const SEND_TIMEOUT_MS = 10_000;
const BATCH = 100;

export type PushPayload = { title: string; body: string; url: string; tag: string };
type Counts = { queued: number; suppressed: number; sent: number; retried: number; failed: number; removed: number };

type Pending = PushControls & { id: bigint; userId: string; actorId: string | null; createdAt: Date; activity: string | null };

/** Step 1: decides, for pending notifications, whether and where they are pushed. */
export async function queuePendingPushes(now: Date, counts: Counts): Promise<void> {
  await db().$transaction(async (tx) => {
    const pending = await tx.$queryRaw<Pending[]>`
      SELECT n.id, n.user_id AS "userId", n.actor_id AS "actorId", n.created_at AS "createdAt", d.activity,
             u.push_enabled AS "pushEnabled", u.quiet_hours_start AS "quietHoursStart", u.quiet_hours_end AS "quietHoursEnd",
             u.time_zone AS "timeZone", coalesce(u.muted_activities, '{}') AS "mutedActivities",
             u.push_daily_cap_per_friend AS "pushDailyCapPerFriend"
      FROM notifications n
      JOIN users u ON u.id = n.user_id
      LEFT JOIN disclosures d ON d.id = n.disclosure_id
      WHERE n.push = 'pending'
      ORDER BY n.id
      LIMIT ${BATCH}
      FOR UPDATE OF n SKIP LOCKED`;
    for (const n of pending) {
      const pushedToday = n.actorId
        ? await tx.notification.count({
            where: { userId: n.userId, actorId: n.actorId, push: "queued", createdAt: { gt: new Date(now.getTime() - 24 * 3_600_000) } },
          })
        : 0;
      const fresh = now.getTime() - n.createdAt.getTime() < PUSH_TTL_MS;
      const devices = fresh && pushVerdict(n, now, n.activity, pushedToday) === "push"
        ? await tx.pushSubscription.findMany({ where: { userId: n.userId }, select: { id: true } })
        : [];
      if (devices.length) {
        await tx.pushDelivery.createMany({
          data: devices.map((device) => ({ notificationId: n.id, subscriptionId: device.id, nextAttemptAt: now, expiresAt: new Date(n.createdAt.getTime() + PUSH_TTL_MS) })),
          skipDuplicates: true,
        });
      }
      await tx.notification.update({ where: { id: n.id }, data: { push: devices.length ? "queued" : "suppressed" }, select: { id: true } });
      counts[devices.length ? "queued" : "suppressed"]++;
    }
  });
}

type Due = { id: bigint; notificationId: bigint; attempts: number; expiresAt: Date; endpoint: string; p256dh: string; auth: string; timeZone: string };

/** Claims due deliveries for a lease, so no other process sends them meanwhile. */
async function claimDue(now: Date): Promise<Due[]> {
  const { rows } = await pool().query<Due>(
    `UPDATE push_deliveries pd SET attempts = pd.attempts + 1, next_attempt_at = $2
     FROM push_subscriptions s, users u
     WHERE pd.id IN (SELECT id FROM push_deliveries WHERE status = 'pending' AND next_attempt_at <= $1
                     ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
       AND s.id = pd.subscription_id AND u.id = s.user_id
     RETURNING pd.id, pd.notification_id AS "notificationId", pd.attempts, pd.expires_at AS "expiresAt",
               s.endpoint, s.p256dh, s.auth, u.time_zone AS "timeZone"`,
    [now, new Date(now.getTime() + LEASE_MS), BATCH],
  );
  return rows;
}

/** What the in-app notification shows, and nothing more: its text, the window, where it leads. */
export function payloadFor(view: NotificationView, timeZone: string): PushPayload {
  const clock = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit" });
  const body = view.window ? `${view.text} · ${clock.format(view.window.startsAt)}–${clock.format(view.window.endsAt)}` : view.text;
  return { title: "Overlap", body, url: view.href, tag: `n${view.id}` };
}

async function send(due: Due, payload: PushPayload, now: Date): Promise<number> {
  const { VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT } = env();
  const request = webpush.generateRequestDetails({ endpoint: due.endpoint, keys: { p256dh: due.p256dh, auth: due.auth } }, JSON.stringify(payload), {
    TTL: Math.max(0, Math.floor((due.expiresAt.getTime() - now.getTime()) / 1000)),
    topic: payload.tag, // push services keep only the newest message per topic for an offline device
    urgency: "normal",
    vapidDetails: { subject: VAPID_SUBJECT, publicKey: VAPID_PUBLIC_KEY!, privateKey: VAPID_PRIVATE_KEY! },
  });
  const response = await fetch(request.endpoint, {
    method: request.method,
    headers: request.headers as Record<string, string>,
    body: new Uint8Array(request.body as Buffer),
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    redirect: "error",
  });
  await response.body?.cancel();
  return response.status;
}

async function settle(due: Due, outcome: "sent" | "gone" | "retry" | "failed", now: Date, counts: Counts): Promise<void> {
  if (outcome === "gone") {
    await db().pushSubscription.deleteMany({ where: { endpoint: due.endpoint } });
    counts.removed++;
    return;
  }
  const retry = outcome === "retry" && due.attempts < MAX_ATTEMPTS;
  const nextAttemptAt = new Date(now.getTime() + FIRST_RETRY_MS * 2 ** (due.attempts - 1));
  if (retry && nextAttemptAt < due.expiresAt) {
    await db().pushDelivery.update({ where: { id: due.id }, data: { nextAttemptAt }, select: { id: true } });
    counts.retried++;
    return;
  }
  const sent = outcome === "sent";
  await db().pushDelivery.update({ where: { id: due.id }, data: { status: sent ? "sent" : "failed", sentAt: sent ? now : null }, select: { id: true } });
  counts[sent ? "sent" : "failed"]++;
}

/** Step 2: sends what is due. One device failing does not stop the others. */
export async function sendDuePushes(now: Date, counts: Counts): Promise<void> {
  if (!env().VAPID_PUBLIC_KEY) return;
  for (const due of await claimDue(now)) {
    const view = await getNotificationView(due.notificationId);
    if (!view || due.expiresAt <= now) {
      await settle(due, "failed", now, counts);
      continue;
    }
    let outcome: "sent" | "gone" | "retry" | "failed";
    try {
      const status = await send(due, payloadFor(view, due.timeZone), now);
      outcome = status >= 200 && status < 300 ? "sent" : status === 404 || status === 410 ? "gone" : status === 429 || status >= 500 ? "retry" : "failed";
    } catch {
      outcome = "retry"; // timeout or connection failure; the error could quote the endpoint, so it is not logged
    }
    await settle(due, outcome, now, counts);
  }
}

/** One run of the push job: queue, then send. */
export async function runPushDelivery(now = new Date()): Promise<Counts> {
  const counts: Counts = { queued: 0, suppressed: 0, sent: 0, retried: 0, failed: 0, removed: 0 };
  await queuePendingPushes(now, counts);
  await sendDuePushes(now, counts);
  return counts;
}
