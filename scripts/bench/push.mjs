// A push service on 127.0.0.1 for the bench, standing in for the browsers' own: it records when the
// first push for each device arrived (it does not check or decrypt them: the tests do), and gives the
// app one valid key pair to encrypt for. Devices are named by measurement and number: /push/<run>/<n>.
import { createECDH, randomBytes } from "node:crypto";
import { createServer } from "node:http";

export async function startBenchPushService() {
  const runs = new Map();
  const arrivalsOf = (run) => runs.get(run) ?? runs.set(run, []).get(run);
  const server = createServer((request, response) => {
    const at = performance.now();
    const [, run, device] = /^\/push\/([a-z0-9-]+)\/(\d+)$/.exec(request.url) ?? [];
    request.resume();
    request.on("end", () => {
      if (run !== undefined) {
        const arrived = arrivalsOf(run);
        arrived[Number(device)] ??= at;
      }
      response.writeHead(201).end();
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: randomBytes(16).toString("base64url") },
    /** When the first push reached each device of measurement `run`, by device number. */
    arrivals: arrivalsOf,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Gives each listener a device at `service` (`/push/<run>/<n>` for the n-th), and no quiet hours: every match is pushed. */
export async function addDevices(client, userIds, service, run) {
  await client.query("UPDATE users SET quiet_hours_start = NULL, quiet_hours_end = NULL, push_enabled = true WHERE id = ANY($1::uuid[])", [userIds]);
  await client.query(
    `INSERT INTO push_subscriptions (id, user_id, endpoint, p256dh, auth, label)
     SELECT gen_random_uuid(), u.id, $2 || '/push/' || $5 || '/' || (u.n - 1), $3, $4, 'Bench device'
     FROM unnest($1::uuid[]) WITH ORDINALITY AS u(id, n)`,
    [userIds, service.url, service.keys.p256dh, service.keys.auth, run],
  );
}
