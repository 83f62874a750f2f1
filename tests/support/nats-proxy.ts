import { connect, createServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

/**
 * A TCP proxy in front of a nats-server, for one app process's connection to it, with the faults an
 * operator meets on a network path:
 * - `blackhole()`: the connections open now stay open but pass nothing more either way, and nothing
 *   says so (a host that vanished, a NAT or load balancer that dropped the flow, a cable pulled). New
 *   connections work.
 * - `hold()` / `release()`: what the client sends is kept back, then passed on in order (a slow path).
 * - `refuse(true)`: new connections are closed at once (the server unreachable from this process).
 * - `cut()`: the connections open now are closed (the client is told at once).
 * `accepted` counts the connections made through it.
 */
export async function startNatsProxy(natsUrl: string) {
  const target = new URL(natsUrl);
  const sockets = new Set<Socket>();
  const deaf = new WeakSet<Socket>();
  let held: { to: Socket; chunk: Buffer }[] | undefined;
  let refusing = false;
  let accepted = 0;
  const server = createServer((client) => {
    if (refusing) return void client.destroy();
    accepted++;
    const upstream = connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("error", () => undefined);
      socket.on("close", () => sockets.delete(socket));
    }
    client.on("data", (chunk: Buffer) => {
      if (deaf.has(client)) return;
      if (held) held.push({ to: upstream, chunk });
      else upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      if (!deaf.has(client)) client.write(chunk);
    });
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `nats://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get accepted() {
      return accepted;
    },
    blackhole() {
      for (const socket of sockets) deaf.add(socket);
    },
    hold() {
      held ??= [];
    },
    release() {
      const chunks = held ?? [];
      held = undefined;
      for (const { to, chunk } of chunks) to.write(chunk);
    },
    cut() {
      for (const socket of sockets) socket.destroy();
    },
    refuse(on: boolean) {
      refusing = on;
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
