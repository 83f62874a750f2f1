import "server-only";
import { streamPagesAfter, type InboxEntry, type PageRequest } from "./inbox";

// Live streams' catch-ups, read together. A match wakes a stream at every post that makes one; read
// one stream at a time, the wake-ups — not the posts — became the process's busiest work, and waited
// in line behind each other. Every stream of this process woken at about the same time is read by one
// statement instead: at most BATCHES_AT_ONCE run at once, each for up to BATCH_SIZE streams, and
// wake-ups arriving meanwhile wait for the next. This also bounds what a reconnect's catch-up of
// thousands of streams asks of the database pool that requests need.

export const BATCH_SIZE = 200;
export const BATCHES_AT_ONCE = 2;

type Waiting = PageRequest & { resolve(page: InboxEntry[] | null): void; reject(error: unknown): void };
type Batcher = { waiting: Waiting[]; running: number; scheduled: boolean };

// One per process (on globalThis: the route handler and the node handler may hold separate module instances).
const globals = globalThis as typeof globalThis & { __liveCatchUps?: Batcher };
const batcher = (): Batcher => (globals.__liveCatchUps ??= { waiting: [], running: 0, scheduled: false });

/** What this stream has not sent yet after `after`, or null once its session is no longer live. */
export function readStreamPage(request: PageRequest): Promise<InboxEntry[] | null> {
  return new Promise((resolve, reject) => {
    const state = batcher();
    state.waiting.push({ ...request, resolve, reject });
    if (state.scheduled) return;
    // Wake-ups of one notification arrive together: the batch is taken after they have.
    state.scheduled = true;
    setImmediate(flush);
  });
}

function flush() {
  const state = batcher();
  state.scheduled = false;
  while (state.running < BATCHES_AT_ONCE && state.waiting.length > 0) {
    const batch = state.waiting.splice(0, BATCH_SIZE);
    state.running++;
    streamPagesAfter(batch)
      .then(
        (pages) => batch.forEach((one, at) => one.resolve(pages[at]!)),
        (error: unknown) => batch.forEach((one) => one.reject(error)),
      )
      .finally(() => {
        state.running--;
        flush();
      });
  }
}
