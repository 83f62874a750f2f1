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
/** How long a new stream waits for the server to confirm its user's subscription before it starts. */
const SUBSCRIBE_WAIT_MS = 1_000;
/** Between reconnect attempts (plus up to RECONNECT_JITTER_MS), for as long as the server is away. */
const RECONNECT_WAIT_MS = 500;
const RECONNECT_JITTER_MS = 250;

export function natsTransport(servers: string[], delivery: Delivery): Transport {
  let connection: NatsConnection | undefined;
  let stopped = false;
  /** Each user with listeners here: their subscription, and when the server has it (or SUBSCRIBE_WAIT_MS passed). */
  const perUser = new Map<string, { subscription: Subscription; taken: Promise<void> }>();
  let everything: Subscription | undefined;
  let wantsEverything = false;
  // Wake-ups not known to have reached the server, by subject: published on a connection that may
  // have died without a word yet (numbered: a PING answered after them confirms them), or not sent
  // at all (Infinity: while disconnected, or before the first connection — the client drops those).
  // They are sent again once connected.
  let connected = false;
  const unconfirmed = new Map<string, number>();
  let sentCount = 0;
  let confirming = false;
  let tooManyUnconfirmed = false;

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
    // Stopped before the first connection: give up trying (the client's own loop would keep a
    // shutting-down process alive for ever).
    reconnectToServer: () => {
      if (stopped) throw new Error("stopped");
      return null;
    },
  }).then(async (opened) => {
    if (stopped) return void (await opened.close());
    connection = opened;
    connected = true;
    subscribeToEverything();
    opened.subscribe(CATCH_UP_SUBJECT, { callback: () => delivery.reconnected() });
    republish(opened);
    void watchStatus(opened);
  });
  connecting.catch((error: Error) => {
    if (!stopped) logThrottled("nats-connect", `NATS: cannot connect to ${servers.join(", ")} (${error.message})`);
  });

  function publish(userIds: readonly string[]) {
    if (stopped) return;
    if (connection && connected) {
      for (const userId of userIds) send(connection, SUBJECT_PREFIX + userId);
      return confirm(connection);
    }
    for (const userId of userIds) remember(SUBJECT_PREFIX + userId, Infinity);
  }

  function remember(subject: string, number: number) {
    unconfirmed.set(subject, number);
    if (unconfirmed.size <= MAX_UNSENT) return;
    unconfirmed.clear();
    tooManyUnconfirmed = true;
  }

  function send(opened: NatsConnection, subject: string) {
    opened.publish(subject);
    remember(subject, ++sentCount);
  }

  /** Once the server has answered a PING sent after them, what was published before it arrived. */
  function confirm(opened: NatsConnection) {
    if (confirming) return;
    confirming = true;
    const upTo = sentCount;
    opened
      .flush()
      .then(
        () => {
          for (const [subject, number] of unconfirmed) if (number <= upTo) unconfirmed.delete(subject);
        },
        // Disconnected: they are sent again on reconnecting.
        () => undefined,
      )
      .finally(() => {
        confirming = false;
        if (connected && connection === opened && sentCount > upTo) confirm(opened);
      });
  }

  /** Sends the wake-ups not known to have arrived: each user's, or, past MAX_UNSENT, "everyone catch up". */
  function republish(opened: NatsConnection) {
    const subjects = tooManyUnconfirmed ? [CATCH_UP_SUBJECT] : [...unconfirmed.keys()];
    unconfirmed.clear();
    tooManyUnconfirmed = false;
    for (const subject of subjects) send(opened, subject);
    if (subjects.length) confirm(opened);
  }
  /** One PING for every subscription made in this tick (a thousand streams opening together send one, not a thousand). */
  let nextFlush: Promise<void> | undefined;
  function flushSoon(opened: NatsConnection): Promise<void> {
    nextFlush ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      nextFlush = undefined;
      return opened.flush();
    });
    return nextFlush;
  }

  async function watchStatus(opened: NatsConnection) {
    for await (const status of opened.status()) {
      if (status.type === "disconnect") {
        connected = false;
        logThrottled("nats-disconnect", `NATS: disconnected from ${status.server}; reconnecting`);
      }
      if (status.type !== "reconnect") continue;
      // Subscriptions are renewed by the client; what was published meanwhile is not: this process's
      // own wake-ups are sent again (those sent just before the drop too: they may have died with the
      // connection), and its streams catch up on everyone else's.
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
      if (!connection) return Promise.resolve();
      const known = perUser.get(userId);
      if (known) return known.taken;
      const subscription = subscribeTo(SUBJECT_PREFIX + userId, () => delivery.wakeReaders([userId]));
      // The server takes the subscription a moment later, and a wake-up published before then is not
      // sent here: the stream waits (up to SUBSCRIBE_WAIT_MS) until a PING sent after it is answered.
      // Slower than that, its listeners catch up once it is. (Disconnected meanwhile: the subscription
      // is renewed on reconnecting, and everyone catches up.)
      let late = false;
      const confirmed = connected
        ? flushSoon(connection).then(
            () => {
              if (late && perUser.get(userId)?.subscription === subscription) delivery.subscribed(userId);
            },
            () => undefined,
          )
        : Promise.resolve();
      const taken = Promise.race([
        confirmed,
        new Promise<void>((resolve) =>
          setTimeout(() => {
            late = true;
            resolve();
          }, SUBSCRIBE_WAIT_MS).unref(),
        ),
      ]);
      perUser.set(userId, { subscription, taken });
      return taken;
    },
    unwatch(userId) {
      perUser.get(userId)?.subscription.unsubscribe();
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
