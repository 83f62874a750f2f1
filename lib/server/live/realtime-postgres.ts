import "server-only";
import pg from "pg";
import { DATABASE_TIMEOUTS, directDatabaseUrl } from "../db";
import type { Delivery, Transport } from "./realtime";

// Wake-ups through PostgreSQL's LISTEN/NOTIFY: one LISTEN connection per process, and every process
// receives every wake-up (it ignores those for users without a stream open on it). The writing
// transaction's own statement carries the NOTIFY, sent at commit. Nothing to run besides the
// database; its ceiling — notifying commits serialise on one lock — is measured by the bench.

export const CHANNEL = "overlap_notifications";
/** After the LISTEN connection drops, tries again after this long, doubling up to the maximum, until it is back. */
export const RECONNECT_FIRST_MS = 500;
export const RECONNECT_MAX_MS = 10_000;
/** A NOTIFY payload must stay under 8000 bytes: this many user ids (39 bytes each) per message. */
const WAKE_CHUNK = 150;

type State = { client?: pg.Client; connecting?: Promise<void>; retrying?: boolean; stopped?: boolean };

// On globalThis like the hub (realtime.ts), so tests can reach the connection to cut it.
const globals = globalThis as typeof globalThis & { __realtimePostgres?: State };

export function postgresTransport(delivery: Delivery): Transport {
  const state: State = (globals.__realtimePostgres = {});

  function wake(payload: string | undefined) {
    let userIds: unknown;
    try {
      userIds = JSON.parse(payload ?? "[]");
    } catch {
      return;
    }
    if (!Array.isArray(userIds)) return;
    delivery.wakeEverything();
    delivery.wakeReaders(userIds.map(String));
  }

  /**
   * Reconnects with backoff until the database answers again, however long it is away, then has every
   * open stream catch up from the table: wake-ups sent while nobody listened are lost, the rows are not.
   */
  function keepReconnecting(delay = RECONNECT_FIRST_MS) {
    if (state.retrying || state.stopped) return;
    state.retrying = true;
    setTimeout(() => {
      state.retrying = false;
      ensureListening().then(
        () => delivery.reconnected(),
        () => keepReconnecting(Math.min(delay * 2, RECONNECT_MAX_MS)),
      );
    }, delay).unref();
  }

  async function connect(): Promise<void> {
    // A database that hangs while we connect is given up on like a refusal (and retried with backoff).
    const client = new pg.Client({ connectionString: directDatabaseUrl(), connectionTimeoutMillis: DATABASE_TIMEOUTS.connectMs, keepAlive: true });
    client.on("notification", (message) => wake(message.payload));
    client.on("error", () => {
      client.end().catch(() => undefined);
      // A connection that never got going is its caller's to retry (keepReconnecting backs off).
      if (state.client !== client) return;
      // Dropped: forget it, let the streams catch up on what is already in the table, and reconnect.
      state.client = undefined;
      delivery.reconnected();
      keepReconnecting();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      client.end().catch(() => undefined);
      throw error;
    }
    if (state.stopped) return void client.end().catch(() => undefined);
    state.client = client;
  }

  async function ensureListening(): Promise<void> {
    if (state.client) return;
    state.connecting ??= connect().finally(() => {
      state.connecting = undefined;
    });
    await state.connecting;
  }

  return {
    async ready() {
      // A database that is away now is waited for, like a dropped connection (listeners are told when it is back).
      await ensureListening().catch((error: unknown) => {
        keepReconnecting();
        throw error;
      });
    },
    // Every process receives every wake-up: nothing to say per user.
    watch: () => Promise.resolve(),
    unwatch() {},
    watchEverything() {},
    wakeAtCommit(_tx, userIds) {
      const payloads = [];
      for (let start = 0; start < userIds.length; start += WAKE_CHUNK) payloads.push(JSON.stringify(userIds.slice(start, start + WAKE_CHUNK)));
      return payloads;
    },
    async stop() {
      state.stopped = true;
      const client = state.client;
      state.client = undefined;
      await client?.end().catch(() => undefined);
    },
  };
}
