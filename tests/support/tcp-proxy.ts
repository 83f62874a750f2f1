import { createServer, connect, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

/** A URL without a port means its scheme's default. */
const DEFAULT_PORTS: Record<string, number> = { "postgres:": 5432, "postgresql:": 5432, "nats:": 4222 };

/**
 * A TCP proxy in front of a test server (the database, a nats-server); `url` is `targetUrl` through
 * the proxy. It plays the faults an operator meets on a network path:
 * - `freeze()` / `thaw()`: while frozen it accepts connections and keeps the open ones, but passes no
 *   byte either way — a server that hangs (a stopped VM, a partition, SIGSTOP). The bytes are lost,
 *   as on a dead link: a test never thaws a connection that lost bytes and expects it to work.
 * - `blackhole()`: the connections open now stay open but pass nothing more, and nothing says so (a
 *   host that vanished, a NAT or load balancer that dropped the flow). New connections work.
 * - `hold()` / `release()`: what clients send is kept back, then passed on in order (a slow path).
 * - `refuse(true)`: new connections are closed at once (the server unreachable from here).
 * - `cut()`: the connections open now are closed (the client is told at once).
 * `accepted` counts the connections made through it.
 */
export async function startTcpProxy(targetUrl: string) {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  const deaf = new WeakSet<Socket>();
  let frozen = false;
  let held: { to: Socket; chunk: Buffer }[] | undefined;
  let refusing = false;
  let accepted = 0;
  const server = createServer((client) => {
    if (refusing) return void client.destroy();
    accepted++;
    const upstream = connect(Number(target.port) || DEFAULT_PORTS[target.protocol]!, target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("error", () => undefined);
      socket.on("close", () => sockets.delete(socket));
    }
    const passes = () => !frozen && !deaf.has(client);
    client.on("data", (chunk: Buffer) => {
      if (!passes()) return;
      if (held) held.push({ to: upstream, chunk });
      else upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      if (passes()) client.write(chunk);
    });
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = new URL(targetUrl);
  url.hostname = "127.0.0.1";
  url.port = String((server.address() as AddressInfo).port);
  return {
    url: url.toString(),
    get accepted() {
      return accepted;
    },
    freeze: () => void (frozen = true),
    thaw: () => void (frozen = false),
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
