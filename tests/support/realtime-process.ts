// One app process as far as live notifications go, for tests/integration/realtime.test.ts: serves
// GET /api/events as the production server does (live-stream-node.ts) on a free port, and takes
// commands on stdin, one JSON line each — write a notification, listen to everything as the push job
// does, count those wake-ups — answering each with a JSON line on stdout. The engine is the one
// REALTIME names, as in the app. Run through tsx with the react-server condition
// (scripts/lib/paths.mjs, serverTsArgs).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import { db, pool } from "@/lib/server/db";
import { serveLiveEvents } from "@/lib/server/live/live-stream-node";
import { notify } from "@/lib/server/live/notifications";
import { stopListening, subscribeToEverything } from "@/lib/server/live/realtime";
import { transaction } from "@/lib/server/sql";

export type Command = { id: number } & ({ op: "notify"; userId: string; actorId: string } | { op: "everything" } | { op: "wakes" });

const server = createServer((req, res) => serveLiveEvents(req, res));
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);
say({ port: (server.address() as AddressInfo).port, pid: process.pid });

let wakes = 0;
async function run(command: Command): Promise<unknown> {
  switch (command.op) {
    case "notify":
      return transaction((tx) => notify(tx, [{ userId: command.userId, type: "friend_request", actorId: command.actorId }]));
    case "everything":
      await subscribeToEverything(() => wakes++);
      return null;
    case "wakes":
      return wakes;
  }
}

for await (const line of createInterface({ input: process.stdin })) {
  const command = JSON.parse(line) as Command;
  try {
    say({ id: command.id, result: (await run(command)) ?? null });
  } catch (error) {
    say({ id: command.id, error: (error as Error).message });
  }
}
// stdin closed: the test is done with this process.
server.closeAllConnections();
server.close();
await stopListening();
await db().$disconnect();
await pool().end();
