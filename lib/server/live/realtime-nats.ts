import "server-only";
import { connect, type NatsConnection, type Subscription } from "@nats-io/transport-node";
import { DATABASE_TIMEOUTS } from "../db";
import { logThrottled } from "../log";
import type { Delivery, Transport } from "./realtime";

// Wake-ups through a NATS server: published right after the writing transaction commits, one empty
// message to `overlap.wake.<user id>` per user, and a process subscribes only to the users with a
// stream open on it — so a process receives the wake-ups of its own users, not everyone's (the push
// job, which wants them all, subscribes to `overlap.wake.*`). NATS keeps no messages: a wake-up
// published while a process is cut off is lost to it, and on reconnecting every stream of that
// process catches up from the notifications table. A process that dies between its commit and its
// publish loses that wake-up: the readers' streams then see the notification at their next
// catch-up (any wake-up for them, a reconnect of the engine, or the stream's own reconnect within
// MAX_STREAM_MS, live-stream.ts). The push job does not depend on it: it also runs on its interval.

export const SUBJECT_PREFIX = "overlap.wake.";
/** Every process's streams catch up from the table (a process sends it when it lost track of more than MAX_UNSENT wake-ups). */
const CATCH_UP_SUBJECT = "overlap.catch-up";
const MAX_UNSENT = 10_000;
/** Between reconnect attempts (plus up to RECONNECT_JITTER_MS), for as long as the server is away. */
const RECONNECT_WAIT_MS = 500;
const RECONNECT_JITTER_MS = 250;

export function natsTransport(servers: string[], delivery: Delivery): Transport {
  let connection: NatsConnection | undefined;
  let stopped = false;
  const perUser = new Map<string, Subscription>();
  let everything: Subscription | undefined;
  let wantsEverything = false;
  // The client drops what is published while it is disconnected: those users (and those written
  // before the first connection) are woken once it is connected.
  let connected = false;
  const unsent = new Set<string>();
  let tooManyUnsent = false;

  // A user's subject wakes their listeners here; the wildcard wakes the listeners to everything.
  const subscribeTo = (subject: string, wake: () => void) =>
    connection!.subscribe(subject, {
      callback: (error) => {
        if (error) return void logThrottled("nats-subscription", `NATS: subscription failed (${error.message})`);
        wake();
      },
    });
  const subscribeToEverything = () => {
    if (connection && wantsEverything && !everything) everything = subscribeTo(`${SUBJECT_PREFIX}*`, () => delivery.wakeEverything());
  };

  const connecting = connect({
    servers,
    name: `overlap-${process.pid}`,
    // Never give up: a server that is away at start or later is waited for.
    waitOnFirstConnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: RECONNECT_WAIT_MS,
    reconnectJitter: RECONNECT_JITTER_MS,
    // Find a server that vanished without closing the connection within seconds, not minutes.
    pingInterval: 5_000,
    maxPingOut: 2,
  }).then(async (opened) => {
    if (stopped) return void (await opened.close());
    connection = opened;
    connected = true;
    subscribeToEverything();
    opened.subscribe(CATCH_UP_SUBJECT, { callback: () => delivery.reconnected() });
    republish(opened);
    void watchStatus(opened);
  });
  connecting.catch((error: Error) => logThrottled("nats-connect", `NATS: cannot connect to ${servers.join(", ")} (${error.message})`));

  function publish(userIds: readonly string[]) {
    if (stopped) return;
    if (connection && connected) {
      for (const userId of userIds) connection.publish(SUBJECT_PREFIX + userId);
      return;
    }
    for (const userId of userIds) unsent.add(userId);
    if (unsent.size > MAX_UNSENT) {
      unsent.clear();
      tooManyUnsent = true;
    }
  }

  /** Sends the wake-ups published while disconnected: each user's, or, past MAX_UNSENT, "everyone catch up". */
  function republish(opened: NatsConnection) {
    if (tooManyUnsent) opened.publish(CATCH_UP_SUBJECT);
    else for (const userId of unsent) opened.publish(SUBJECT_PREFIX + userId);
    unsent.clear();
    tooManyUnsent = false;
  }
  async function watchStatus(opened: NatsConnection) {
    for await (const status of opened.status()) {
      if (status.type === "disconnect") {
        connected = false;
        logThrottled("nats-disconnect", `NATS: disconnected from ${status.server}; reconnecting`);
      }
      if (status.type !== "reconnect") continue;
      // Subscriptions are renewed by the client; what was published meanwhile is not: this process's
      // own wake-ups are sent again, and its streams catch up on everyone else's.
      connected = true;
      republish(opened);
      delivery.reconnected();
    }
  }

  return {
    async ready() {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`NATS (${servers.join(", ")}) is not reachable`)), DATABASE_TIMEOUTS.connectMs);
      });
      try {
        await Promise.race([connecting, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    watch(userId) {
      if (!connection || perUser.has(userId)) return;
      perUser.set(
        userId,
        subscribeTo(SUBJECT_PREFIX + userId, () => delivery.wakeReaders([userId])),
      );
    },
    unwatch(userId) {
      perUser.get(userId)?.unsubscribe();
      perUser.delete(userId);
    },
    watchEverything() {
      wantsEverything = true;
      subscribeToEverything();
    },
    wakeAtCommit(tx, userIds) {
      if (userIds.length === 0) return [];
      tx.afterCommit(() => publish(userIds));
      return [];
    },
    async stop() {
      stopped = true;
      const opened = connection;
      connection = undefined;
      // close, not drain: nothing is waiting to be received, and a server that is away would hold drain up.
      await opened?.close().catch(() => undefined);
    },
  };
}
