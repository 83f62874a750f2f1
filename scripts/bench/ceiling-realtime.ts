// The realtime side of `npm run bench -- --ceiling`: a process of its own with the app's server code,
// spoken to in JSON lines (ts-child.mjs). It uses only the realtime module's public functions, so it
// measures whichever implementation the environment chooses. Messages:
//   { listen, ids, share: [j, k] }   subscribes to its share of the user ids (the nth when n % k = j), as
//                     an app process does to the users with a stream open on it; answers { ready }
//   { stop }          answers { arrivals (per id index, the instants it was woken), wakes, cpuMs } and stops listening
//   { commit, ids, seconds, concurrency }   notifying commits in a closed loop for `seconds`, each one
//                     notification through transaction() + notify(); answers { commits: [id index,
//                     started, committed][], seconds, cpuMs }
//   { write, ids, actorId }   one notification for each id, in one commit; answers { started, committed }
// Instants are epoch milliseconds (performance.timeOrigin + now), comparable across processes.
import { createInterface } from "node:readline";
import { pool } from "@/lib/server/db";
import { notify } from "@/lib/server/live/notifications";
import { stopListening, subscribe } from "@/lib/server/live/realtime";
import { transaction } from "@/lib/server/sql";

type Message = {
  listen?: true;
  stop?: true;
  commit?: true;
  write?: true;
  ids?: string[];
  share?: [number, number];
  actorId?: string;
  seconds?: number;
  concurrency?: number;
};

const now = () => performance.timeOrigin + performance.now();
const cpuMsSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

let arrivals: number[][] = [];
let wakes = 0;
let listeningSince: NodeJS.CpuUsage | undefined;

async function listen(ids: string[], [mine, of]: [number, number]) {
  arrivals = ids.map(() => []);
  await Promise.all(
    ids.map((id, n) =>
      n % of !== mine
        ? undefined
        : subscribe(id, (reason) => {
            if (reason !== "wake") return;
            wakes++;
            arrivals[n]!.push(now());
          }),
    ),
  );
  listeningSince = process.cpuUsage();
  return { ready: true };
}

async function stop() {
  const cpuMs = listeningSince ? cpuMsSince(listeningSince) : 0;
  await stopListening();
  return { arrivals, wakes, cpuMs };
}

async function commit(ids: string[], seconds: number, concurrency: number) {
  const commits: [number, number, number][] = [];
  const cpu = process.cpuUsage();
  const started = now();
  const until = started + seconds * 1000;
  let next = 0;
  const worker = async () => {
    while (now() < until) {
      const n = next++ % ids.length;
      const at = now();
      await transaction((tx) => notify(tx, [{ userId: ids[n]!, type: "friend_accepted", actorId: ids[(n + 1) % ids.length]! }]));
      commits.push([n, at, now()]);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { commits, seconds: (now() - started) / 1000, cpuMs: cpuMsSince(cpu) };
}

async function write(ids: string[], actorId: string) {
  const started = now();
  await transaction((tx) => notify(tx, ids.map((userId) => ({ userId, type: "friend_accepted" as const, actorId }))));
  return { started, committed: now() };
}

function answer(message: Message) {
  const ids = message.ids ?? [];
  if (message.listen) return listen(ids, message.share ?? [0, 1]);
  if (message.stop) return stop();
  if (message.commit) return commit(ids, message.seconds ?? 10, message.concurrency ?? 10);
  if (message.write) return write(ids, message.actorId ?? "");
  throw new Error(`Unknown message ${JSON.stringify(message)}`);
}

for await (const line of createInterface({ input: process.stdin })) {
  console.log(JSON.stringify(await answer(JSON.parse(line) as Message)));
}
// stdin closed: the bench is done with this process.
// A committer holds a connection to the engine too (NATS: publishing), which would keep it alive.
await stopListening();
await pool().end();
