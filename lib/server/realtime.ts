import "server-only";
import pg from "pg";
import { env } from "@/lib/env";

// One LISTEN connection per app process, fanned out to that process's open live streams.
// NOTIFY is only a wake-up carrying user ids; each stream then reads what is new from the
// notifications table, which stays the truth. Several app instances behind a load balancer need
// nothing more than the shared database.

export const CHANNEL = "overlap_notifications";
const RECONNECT_MS = 2_000;

/** "wake": something was written for this user; "reconnect": the connection dropped, catch up in case. */
type Listener = (reason: "wake" | "reconnect") => void;
type Hub = { listeners: Map<string, Set<Listener>>; client?: pg.Client; connecting?: Promise<void> };

// Kept on globalThis: one hub per process, whatever the bundler does with module instances.
const globals = globalThis as typeof globalThis & { __realtime?: Hub };
const hub: Hub = (globals.__realtime ??= { listeners: new Map() });

function wake(payload: string | undefined) {
  let userIds: unknown;
  try {
    userIds = JSON.parse(payload ?? "[]");
  } catch {
    return;
  }
  if (!Array.isArray(userIds)) return;
  for (const userId of userIds) {
    for (const listener of hub.listeners.get(String(userId)) ?? []) listener("wake");
  }
}

async function connect(): Promise<void> {
  const client = new pg.Client({ connectionString: env().DATABASE_URL });
  client.on("notification", (message) => wake(message.payload));
  client.on("error", () => {
    // Dropped: forget it and reconnect; streams meanwhile catch up from the table on the next wake
    // and on every reconnect of the browser (Last-Event-ID).
    hub.client = undefined;
    client.end().catch(() => undefined);
    setTimeout(() => void ensureListening().catch(() => undefined), RECONNECT_MS).unref();
    for (const listeners of hub.listeners.values()) for (const listener of listeners) listener("reconnect");
  });
  await client.connect();
  await client.query(`LISTEN ${CHANNEL}`);
  hub.client = client;
}

async function ensureListening(): Promise<void> {
  if (hub.client) return;
  hub.connecting ??= connect().finally(() => {
    hub.connecting = undefined;
  });
  await hub.connecting;
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
