import { createServer, connect, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

/**
 * A TCP proxy in front of the test database that can freeze: while frozen it accepts connections
 * and keeps the open ones, but passes no byte either way — a database that hangs (a stopped VM, a
 * network partition, SIGSTOP) as the app sees it. `url` is the database URL through the proxy.
 */
export async function startFreezableProxy(databaseUrl: string) {
  const target = new URL(databaseUrl);
  const sockets = new Set<Socket>();
  let frozen = false;
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("error", () => undefined);
      socket.on("close", () => sockets.delete(socket));
    }
    const pipe = (from: Socket, to: Socket) =>
      from.on("data", (chunk) => {
        if (!frozen) to.write(chunk);
        // Frozen: the bytes are lost, as they would be on a dead link. The test never thaws a
        // connection that lost bytes and expects it to work; it expects new ones to.
      });
    pipe(client, upstream);
    pipe(upstream, client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = new URL(databaseUrl);
  url.hostname = "127.0.0.1";
  url.port = String((server.address() as AddressInfo).port);
  return {
    url: url.toString(),
    freeze: () => void (frozen = true),
    thaw: () => void (frozen = false),
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
