import "server-only";
import pLimit from "p-limit";
import webpush from "web-push";
import { env } from "@/lib/env";
import { zoneFormat } from "@/lib/format";
import { db } from "../db";
import type { NotificationView } from "@/lib/views/notifications";
import { getNotificationViews } from "../live/inbox";
import { sql, statement, type RowOf } from "../sql";
import { QUEUE_BATCH, queuePushBatch, type QueueCounts } from "./queue";

// Push delivery, driven by the same notification rows as the live stream. Two steps, each safe to run
// in several processes at once (queueing takes turns under a lock; deliveries are claimed with SKIP
// LOCKED):
// 1. queue (lib/server/push/queue.ts): each pending notification becomes one delivery per device,
//    or stays in the app only.
// 2. send: due deliveries are claimed for a short lease, encrypted (RFC 8291) and posted with a TTL,
//    several at a time. 404/410 removes the device; 429, 5xx and timeouts retry with backoff until the
//    TTL runs out.
// One run repeats each step until nothing is left or its time is up, so a burst of matches is pushed
// within a run or two instead of a fixed number per run.
// A retry after a lost answer may reach the device twice: the payload's tag makes the second one
// replace the first instead of showing again.

export const MAX_ATTEMPTS = 5;
const FIRST_RETRY_MS = 15_000;
const LEASE_MS = 60_000;
const SEND_TIMEOUT_MS = 10_000;
/** Claimed per lease: at SEND_CONCURRENCY, even every send timing out ends well within LEASE_MS. */
const SEND_BATCH = 200;
/**
 * Pushes in flight at once per process. Mostly waiting on push services (~100–200 ms each), so many:
 * 50 keep up with 100 notifications a second at 300 ms a push. A database write happens only for a
 * failed push (successes are recorded per batch).
 */
const SEND_CONCURRENCY = 50;
/** How long one run may keep going (the next starts at once if it left work, else after PUSH_EVERY_MS). */
export const RUN_BUDGET_MS = 4_000;

export type PushPayload = { title: string; body: string; url: string; tag: string };
type Counts = QueueCounts & { sent: number; retried: number; failed: number; removed: number };

const CLAIM_DUE = statement(
  `UPDATE push_deliveries pd SET attempts = pd.attempts + 1, next_attempt_at = $2
   FROM push_subscriptions s, users u
   WHERE pd.id IN (SELECT id FROM push_deliveries WHERE status = 'pending' AND next_attempt_at <= $1
                   ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
     AND s.id = pd.subscription_id AND u.id = s.user_id
   RETURNING pd.id, pd.notification_id AS "notificationId", pd.attempts, pd.expires_at AS "expiresAt",
             s.endpoint, s.p256dh, s.auth, u.time_zone AS "timeZone"`,
  ["timestamptz", "timestamptz", "int8"],
  { id: "int8", notificationId: "int8", attempts: "int2", expiresAt: "timestamptz", endpoint: "text", p256dh: "text", auth: "text", timeZone: "text" },
);
type Due = RowOf<typeof CLAIM_DUE.columns>;

/** Claims due deliveries for a lease, so no other process sends them meanwhile. */
async function claimDue(now: Date): Promise<Due[]> {
  return sql.rows(CLAIM_DUE, [now, new Date(now.getTime() + LEASE_MS), SEND_BATCH]);
}

const HAND_BACK = statement("UPDATE push_deliveries SET attempts = attempts - 1, next_attempt_at = $1 WHERE id = ANY($2::bigint[])", ["timestamptz", "int8[]"]);
const MARK_SENT = statement("UPDATE push_deliveries SET status = 'sent', sent_at = $1 WHERE id = ANY($2::bigint[])", ["timestamptz", "int8[]"]);

/** What the in-app notification shows, and nothing more: its text, the window, where it leads. */
export function payloadFor(view: NotificationView, timeZone: string): PushPayload {
  const clock = zoneFormat(timeZone, "clock");
  const body = view.window ? `${view.text} · ${clock.format(view.window.startsAt)}–${clock.format(view.window.endsAt)}` : view.text;
  return { title: "Overlap", body, url: view.href, tag: `n${view.id}` };
}

/** VAPID authorisations (RFC 8292) are valid for 12 hours; one per push service is reused for an hour. */
const VAPID_VALID_S = 12 * 3600;
const VAPID_REUSE_MS = 3_600_000;
const vapidByAudience = new Map<string, { authorization: string; until: number }>();

function vapidAuthorization(endpoint: string): string {
  const audience = new URL(endpoint).origin;
  const cached = vapidByAudience.get(audience);
  if (cached && cached.until > Date.now()) return cached.authorization;
  const { VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT } = env();
  const expiration = Math.floor(Date.now() / 1000) + VAPID_VALID_S;
  const { Authorization } = webpush.getVapidHeaders(audience, VAPID_SUBJECT, VAPID_PUBLIC_KEY!, VAPID_PRIVATE_KEY!, "aes128gcm", expiration);
  vapidByAudience.set(audience, { authorization: Authorization, until: Date.now() + VAPID_REUSE_MS });
  return Authorization;
}

async function send(due: Due, payload: PushPayload, now: Date): Promise<number> {
  const request = webpush.generateRequestDetails({ endpoint: due.endpoint, keys: { p256dh: due.p256dh, auth: due.auth } }, JSON.stringify(payload), {
    TTL: Math.max(0, Math.floor((due.expiresAt.getTime() - now.getTime()) / 1000)),
    topic: payload.tag, // push services keep only the newest message per topic for an offline device
    urgency: "normal",
    headers: { Authorization: vapidAuthorization(due.endpoint) },
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

async function settle(due: Due, outcome: "gone" | "retry" | "failed", now: Date, counts: Counts): Promise<void> {
  if (outcome === "gone") {
    await db().pushSubscription.deleteMany({ where: { endpoint: due.endpoint } });
    counts.removed++;
    return;
  }
  const retry = outcome === "retry" && due.attempts < MAX_ATTEMPTS;
  const nextAttemptAt = new Date(now.getTime() + FIRST_RETRY_MS * 2 ** (due.attempts - 1));
  if (retry && nextAttemptAt < due.expiresAt) {
    await db().pushDelivery.update({ where: { id: BigInt(due.id) }, data: { nextAttemptAt }, select: { id: true } });
    counts.retried++;
    return;
  }
  await db().pushDelivery.update({ where: { id: BigInt(due.id) }, data: { status: "failed" }, select: { id: true } });
  counts.failed++;
}

/** Sends one delivery and settles it, except a success, which its batch records with the others. */
async function deliver(due: Due, view: NotificationView | undefined, now: Date, counts: Counts): Promise<"sent" | "settled"> {
  if (!view || due.expiresAt <= now) {
    await settle(due, "failed", now, counts);
    return "settled";
  }
  let outcome: "sent" | "gone" | "retry" | "failed";
  try {
    const status = await send(due, payloadFor(view, due.timeZone), now);
    outcome = status >= 200 && status < 300 ? "sent" : status === 404 || status === 410 ? "gone" : status === 429 || status >= 500 ? "retry" : "failed";
  } catch {
    outcome = "retry"; // timeout or connection failure; the error could quote the endpoint, so it is not logged
  }
  if (outcome === "sent") return "sent";
  await settle(due, outcome, now, counts);
  return "settled";
}

/** Step 2, one batch: sends what is due, SEND_CONCURRENCY at a time; resolves to how many were claimed. */
async function sendPushBatch(now: Date, counts: Counts): Promise<number> {
  const due = await claimDue(now);
  let views: Map<string, NotificationView>;
  try {
    views = await getNotificationViews(due.map((d) => BigInt(d.notificationId)));
  } catch (error) {
    // Nothing was sent: hand the claimed deliveries back at once instead of leaving them to their lease.
    await sql.run(HAND_BACK, [now, due.map((d) => d.id)]).catch(() => undefined);
    throw error;
  }
  const sent: string[] = [];
  const slots = pLimit(SEND_CONCURRENCY);
  await Promise.all(
    due.map((one) =>
      slots(async () => {
        // One device failing does not stop the others; an error settling one is the lease's to repair.
        const result = await deliver(one, views.get(one.notificationId), now, counts).catch(() => "settled");
        if (result === "sent") sent.push(one.id);
      }),
    ),
  );
  // One statement for every success. Should the process die before it, the lease runs out and they
  // are sent again: the payload's tag makes a device show each once.
  if (sent.length) {
    await sql.run(MARK_SENT, [now, sent]);
    counts.sent += sent.length;
  }
  return due.length;
}

/**
 * One run of the push job: queue until nothing is pending, then send until nothing is due, within
 * RUN_BUDGET_MS. `more`: it stopped for time with work left (the job then runs again at once).
 */
export async function runPushDelivery(now = new Date()): Promise<Counts & { more: boolean }> {
  const counts: Counts = { queued: 0, suppressed: 0, sent: 0, retried: 0, failed: 0, removed: 0 };
  const deadline = performance.now() + RUN_BUDGET_MS;
  let full: boolean;
  while ((full = (await queuePushBatch(now, counts)) === QUEUE_BATCH) && performance.now() < deadline);
  if (full) return { ...counts, more: true };
  if (!env().VAPID_PUBLIC_KEY) return { ...counts, more: false };
  while ((full = (await sendPushBatch(now, counts)) === SEND_BATCH) && performance.now() < deadline);
  return { ...counts, more: full };
}
