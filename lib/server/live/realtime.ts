import "server-only";
import pg from "pg";
import { env } from "@/lib/env";
import { DATABASE_TIMEOUTS } from "../db";

// One LISTEN connection per app process, fanned out to that process's open live streams.
// NOTIFY is only a wake-up carrying user ids; each stream then reads what is new from the
// notifications table, which stays the truth. Several app instances behind a load balancer need
// nothing more than the shared database.

export const CHANNEL = "overlap_notifications";
/** After the LISTEN connection drops, tries again after this long, doubling up to the maximum, until it is back. */
export const RECONNECT_FIRST_MS = 500;
export const RECONNECT_MAX_MS = 10_000;

/** "wake": something was written for this user; "reconnect": the connection dropped, catch up in case. */
type Listener = (reason: "wake" | "reconnect") => void;
type Hub = {
  listeners: Map<string, Set<Listener>>;
  /** Called on every wake-up, whoever it is for (the push job: lib/server/jobs/scheduler.ts). */
  everything: Set<Listener>;
  client?: pg.Client;
  connecting?: Promise<void>;
  retrying?: boolean;
  /** Set by stopListening: no more reconnecting. */
  stopped?: boolean;
};

// Kept on globalThis: one hub per process, whatever the bundler does with module instances.
const globals = globalThis as typeof globalThis & { __realtime?: Hub };
const hub: Hub = (globals.__realtime ??= { listeners: new Map(), everything: new Set() });
hub.everything ??= new Set(); // a hub made by an older module instance (development reloads)

function wake(payload: string | undefined) {
  let userIds: unknown;
  try {
    userIds = JSON.parse(payload ?? "[]");
  } catch {
    return;
  }
  if (!Array.isArray(userIds)) return;
  for (const listener of hub.everything) listener("wake");
  for (const userId of userIds) {
    for (const listener of hub.listeners.get(String(userId)) ?? []) listener("wake");
  }
}

function catchUpEveryone() {
  for (const listener of hub.everything) listener("reconnect");
  for (const listeners of hub.listeners.values()) for (const listener of listeners) listener("reconnect");
}

/**
 * Reconnects with backoff until the database answers again, however long it is away, then has every
 * open stream catch up from the table: wake-ups sent while nobody listened are lost, the rows are not.
 */
function keepReconnecting(delay = RECONNECT_FIRST_MS) {
  if (hub.retrying || hub.stopped) return;
  hub.retrying = true;
  setTimeout(() => {
    hub.retrying = false;
    ensureListening().then(catchUpEveryone, () => keepReconnecting(Math.min(delay * 2, RECONNECT_MAX_MS)));
  }, delay).unref();
}

async function connect(): Promise<void> {
  // A database that hangs while we connect is given up on like a refusal (and retried with backoff).
  const client = new pg.Client({ connectionString: env().DATABASE_URL, connectionTimeoutMillis: DATABASE_TIMEOUTS.connectMs, keepAlive: true });
  client.on("notification", (message) => wake(message.payload));
  client.on("error", () => {
    client.end().catch(() => undefined);
    // A connection that never got going is its caller's to retry (keepReconnecting backs off).
    if (hub.client !== client) return;
    // Dropped: forget it, let the streams catch up on what is already in the table, and reconnect.
    hub.client = undefined;
    catchUpEveryone();
    keepReconnecting();
  });
  try {
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
  } catch (error) {
    client.end().catch(() => undefined);
    throw error;
  }
  if (hub.stopped) return void client.end().catch(() => undefined);
  hub.client = client;
}

async function ensureListening(): Promise<void> {
  if (hub.client) return;
  hub.connecting ??= connect().finally(() => {
    hub.connecting = undefined;
  });
  await hub.connecting;
}

/**
 * Calls `listener` whenever something new may be waiting for anyone (a notification was written, or
 * the connection came back); returns the unsubscribe. Resolves once listening, or once a database that
 * is away has been left to the reconnecting (it never rejects).
 */
export async function subscribeToEverything(listener: Listener): Promise<() => void> {
  hub.everything.add(listener);
  // A database that is away now is waited for, like a dropped connection (the listener is told when it is back).
  await ensureListening().catch(() => keepReconnecting());
  return () => hub.everything.delete(listener);
}

/** Closes this process's listening connection for good (a worker shutting down). */
export async function stopListening(): Promise<void> {
  hub.stopped = true;
  hub.everything.clear();
  const client = hub.client;
  hub.client = undefined;
  await client?.end().catch(() => undefined);
}

/** Calls `listener` whenever something new may be waiting for `userId`; returns the unsubscribe. */
export async function subscribe(userId: string, listener: Listener): Promise<() => void> {
  await ensureListening();
  let set = hub.listeners.get(userId);
  if (!set) hub.listeners.set(userId, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0) hub.listeners.delete(userId);
  };
}
