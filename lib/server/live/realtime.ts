import "server-only";
import { env } from "@/lib/env";
import type { Tx } from "../sql";
import { natsTransport } from "./realtime-nats";
import { postgresTransport } from "./realtime-postgres";

// Wake-ups for this process's open live streams (and its push job), whoever wrote in whichever
// process. A wake-up carries only user ids: each stream then reads what is new from the
// notifications table, which stays the truth — a wake-up lost in transit costs latency, never a
// notification (after any drop every stream catches up from the table).
//
// Two engines carry them, chosen by REALTIME (lib/env.ts):
// - "postgres" (default, nothing else to run): one LISTEN connection per process; the writing
//   transaction's NOTIFY is sent at its commit, and every process receives every wake-up.
// - "nats": a NATS server; a wake-up is published right after the commit to a subject per user,
//   and a process subscribes only to the users with a stream open on it.

/** "wake": something was written for this user; "reconnect": the engine was away, catch up in case. */
export type WakeReason = "wake" | "reconnect";
type Listener = (reason: WakeReason) => void;

/** What an engine tells this process. */
export type Delivery = {
  /** Something was written for these users: their listeners here are woken. */
  wakeReaders(userIds: readonly string[]): void;
  /** Something was written for someone: the listeners to everything here are woken. */
  wakeEverything(): void;
  /** The engine was away and is back: wake-ups sent meanwhile may be lost, so everyone catches up. */
  reconnected(): void;
  /** The engine now sends this user's wake-ups here, and may have missed some before: their listeners catch up. */
  subscribed(userId: string): void;
};

/** One engine's side of it (realtime-postgres.ts, realtime-nats.ts). */
export type Transport = {
  /** Resolves once wake-ups reach this process; rejects when the engine cannot be reached now. */
  ready(): Promise<void>;
  /**
   * This process has a listener for `userId` now (`watch`: resolves once wake-ups for them reach
   * it, or it has waited long enough; never rejects) or no longer (`unwatch`).
   */
  watch(userId: string): Promise<void>;
  unwatch(userId: string): void;
  /** This process wants every wake-up, whoever it is for (the push job). */
  watchEverything(): void;
  /**
   * Wakes these users' listeners in every process once `tx` commits. Returns the NOTIFY payloads
   * the transaction's statement must carry (Postgres), or none when the engine publishes after the
   * commit itself.
   */
  wakeAtCommit(tx: Tx, userIds: readonly string[]): string[];
  /** Closes this process's connection to the engine for good. */
  stop(): Promise<void>;
};

type Hub = {
  listeners: Map<string, Set<Listener>>;
  /** Called on every wake-up, whoever it is for (the push job: lib/server/jobs/scheduler.ts). */
  everything: Set<Listener>;
  transport?: Transport;
};

// Kept on globalThis: one hub per process, whatever the bundler does with module instances.
const globals = globalThis as typeof globalThis & { __realtime?: Hub };
const hub: Hub = (globals.__realtime ??= { listeners: new Map(), everything: new Set() });

const delivery: Delivery = {
  wakeReaders(userIds) {
    for (const userId of userIds) {
      for (const listener of hub.listeners.get(userId.toLowerCase()) ?? []) listener("wake");
    }
  },
  wakeEverything() {
    for (const listener of hub.everything) listener("wake");
  },
  subscribed(userId) {
    for (const listener of hub.listeners.get(userId.toLowerCase()) ?? []) listener("reconnect");
  },
  reconnected() {
    for (const listener of hub.everything) listener("reconnect");
    for (const listeners of hub.listeners.values()) for (const listener of listeners) listener("reconnect");
  },
};

function transport(): Transport {
  const config = env();
  hub.transport ??= config.REALTIME === "nats" ? natsTransport(config.NATS_URL!.split(","), delivery) : postgresTransport(delivery);
  return hub.transport;
}

/**
 * Calls `listener` whenever something new may be waiting for anyone (a notification was written, or
 * the engine came back); returns the unsubscribe. Resolves once listening, or once an engine that
 * is away has been left to reconnect (it never rejects; the listener is told when it is back).
 */
export async function subscribeToEverything(listener: Listener): Promise<() => void> {
  hub.everything.add(listener);
  transport().watchEverything();
  await transport()
    .ready()
    .catch(() => undefined);
  return () => hub.everything.delete(listener);
}

/** Calls `listener` whenever something new may be waiting for `userId`; returns the unsubscribe. Rejects when the engine is away. */
export async function subscribe(userId: string, listener: Listener): Promise<() => void> {
  await transport().ready();
  const key = userId.toLowerCase();
  let set = hub.listeners.get(key);
  if (!set) hub.listeners.set(key, (set = new Set()));
  set.add(listener);
  // Resolved once wake-ups for them reach this process: from then on, nothing written is missed.
  await transport().watch(key);
  return () => {
    set.delete(listener);
    if (set.size > 0 || hub.listeners.get(key) !== set) return;
    hub.listeners.delete(key);
    transport().unwatch(key);
  };
}

/** See Transport.wakeAtCommit: used by notifications.ts only. */
export function wakeAtCommit(tx: Tx, userIds: readonly string[]): string[] {
  return transport().wakeAtCommit(
    tx,
    userIds.map((userId) => userId.toLowerCase()),
  );
}

/** Closes this process's connection to the engine for good (a worker shutting down). */
export async function stopListening(): Promise<void> {
  hub.everything.clear();
  await hub.transport?.stop();
}
