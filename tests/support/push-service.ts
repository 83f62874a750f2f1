import { createECDH, createPublicKey, randomBytes, verify } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { decrypt } from "http_ece";

// A push service on 127.0.0.1 for tests, standing in for the browsers' own: it checks each request's
// VAPID authorisation (RFC 8292) and decrypts the payload (RFC 8291, aes128gcm) with the device keys
// it handed out, like a browser would.

export type ReceivedPush = { device: string; ttl: number; topic: string | null; payload: unknown };

function b64url(buffer: Buffer): string {
  return buffer.toString("base64url");
}

/** Verifies `vapid t=<JWT>, k=<key>`: an ES256 token for this origin, signed by the key it names. */
function checkVapid(header: string | undefined, origin: string, expectedKey: string): string | null {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(header ?? "");
  if (!match) return "no vapid authorisation";
  const [token, key] = [match[1]!, match[2]!];
  if (key !== expectedKey) return "signed with another key";
  const raw = Buffer.from(key, "base64url");
  const publicKey = createPublicKey({ key: { kty: "EC", crv: "P-256", x: b64url(raw.subarray(1, 33)), y: b64url(raw.subarray(33, 65)) }, format: "jwk" });
  const [head, body, signature] = token.split(".") as [string, string, string];
  const valid = verify("sha256", Buffer.from(`${head}.${body}`), { key: publicKey, dsaEncoding: "ieee-p1363" }, Buffer.from(signature, "base64url"));
  if (!valid) return "bad signature";
  const claims = JSON.parse(Buffer.from(body, "base64url").toString()) as { aud?: string; exp?: number; sub?: string };
  const nowSeconds = Date.now() / 1000;
  if (claims.aud !== origin) return `audience ${claims.aud} is not ${origin}`;
  if (!claims.exp || claims.exp < nowSeconds || claims.exp > nowSeconds + 24 * 3600) return "bad expiry";
  if (!claims.sub) return "no subject";
  return null;
}

export async function startPushService(vapidPublicKey: string, { answerAfterMs = 0 } = {}) {
  const devices = new Map<string, { ecdh: ReturnType<typeof createECDH>; auth: string }>();
  const received: ReceivedPush[] = [];
  const rejected: string[] = [];
  /** Statuses to answer with, per device, in order; then 201. */
  const script = new Map<string, number[]>();
  let origin = "";

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const device = request.url!.slice("/push/".length);
      const keys = devices.get(device);
      const problem = keys ? checkVapid(request.headers.authorization, origin, vapidPublicKey) : "unknown device";
      if (problem) {
        rejected.push(problem);
        response.writeHead(problem === "unknown device" ? 404 : 403).end();
        return;
      }
      const status = script.get(device)?.shift() ?? 201;
      if (status === 201) {
        const plain = decrypt(Buffer.concat(chunks), { version: "aes128gcm", privateKey: keys!.ecdh, authSecret: keys!.auth });
        received.push({
          device,
          ttl: Number(request.headers.ttl),
          topic: (request.headers.topic as string) ?? null,
          payload: JSON.parse(plain.toString("utf8")),
        });
      }
      // A real push service answers in ~100–200 ms; `answerAfterMs` stands in for that.
      if (answerAfterMs) setTimeout(() => response.writeHead(status).end(), answerAfterMs);
      else response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    received,
    rejected,
    /** A new device: the subscription a browser would hand the app. */
    device(name = b64url(randomBytes(6))) {
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const auth = b64url(randomBytes(16));
      devices.set(name, { ecdh, auth });
      return { name, endpoint: `${origin}/push/${name}`, p256dh: ecdh.getPublicKey("base64url"), auth };
    },
    /** The next answers for `device` (e.g. [503, 503] then success). */
    answer(device: string, statuses: number[]) {
      script.set(device, statuses);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
