import { z } from "zod";

// The one place that reads process.env. Everything else imports `env()`.
// Parsed lazily so that `next build` does not need runtime secrets; `instrumentation.ts` calls it at
// server start so a misconfigured production server fails at once with a readable message.
const schema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" }),
    /**
     * Postgres itself, for what cannot go through a transaction pooler (the live LISTEN connection,
     * migrations): set it when DATABASE_URL points at PgBouncer. Defaults to DATABASE_URL.
     */
    DATABASE_DIRECT_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" }).optional(),
    /**
     * "pgbouncer" when DATABASE_URL points at PgBouncer (transaction mode): no named prepared
     * statements, no settings sent at connect (README, "Connection pooling (PgBouncer)").
     */
    DATABASE_POOLER: z.enum(["none", "pgbouncer"]).default("none"),
    AUTH_SECRET: z
      .string({ error: "is required (generate one with: openssl rand -base64 32)" })
      .min(32, "must be at least 32 characters (generate one with: openssl rand -base64 32)"),
    /** The app's public URL (read by Auth.js too); without it, redirects use the address the browser asked for. */
    AUTH_URL: z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" }).optional(),
    /** "off" when `npm run worker` runs the background jobs and the web processes should not. */
    BACKGROUND_JOBS: z.enum(["on", "off"]).default("on"),
    /** Connections in this process's database pool. */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    /** Requests that may wait for a database connection at once; more are told "busy, try again". */
    DATABASE_QUEUE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(200),
    /** Web Push (VAPID) key pair, base64url (generate with: npx web-push generate-vapid-keys). Without them push is off. */
    VAPID_PUBLIC_KEY: z
      .string()
      .regex(/^[A-Za-z0-9_-]{87}$/, "must be a base64url P-256 public key (87 characters)")
      .optional(),
    VAPID_PRIVATE_KEY: z
      .string()
      .regex(/^[A-Za-z0-9_-]{43}$/, "must be a base64url P-256 private key (43 characters)")
      .optional(),
    /** Who push services can contact about this server: a mailto: or https: URL. */
    VAPID_SUBJECT: z
      .string()
      .regex(/^(mailto:|https:\/\/)/, "must start with mailto: or https://")
      .default("mailto:push@overlap.invalid"),
    /**
     * Hosts allowed as push endpoints besides the browsers' own push services, comma-separated — for
     * testing against a local push service only. Endpoints are the one URL the server fetches on a
     * user's say-so, so nothing else is ever contacted.
     */
    PUSH_EXTRA_ENDPOINT_HOSTS: z.string().optional(),
    /**
     * What carries live wake-ups between processes (lib/server/live/realtime.ts): "postgres"
     * (LISTEN/NOTIFY, nothing else to run) or "nats" (a NATS server at NATS_URL; each process
     * receives only its own users' wake-ups).
     */
    REALTIME: z.enum(["postgres", "nats"], { error: 'must be "postgres" or "nats"' }).default("postgres"),
    /** The NATS server (or several, comma-separated) when REALTIME=nats, e.g. nats://127.0.0.1:4222. */
    NATS_URL: z
      .string()
      .regex(/^nats:\/\/[^\s,]+(,nats:\/\/[^\s,]+)*$/, "must be one or more nats://host:port addresses, comma-separated")
      .optional(),
  })
  .refine((value) => value.REALTIME !== "nats" || value.NATS_URL, {
    path: ["NATS_URL"],
    message: "is required when REALTIME=nats",
  })
  .refine((value) => !value.VAPID_PUBLIC_KEY === !value.VAPID_PRIVATE_KEY, {
    path: ["VAPID_PRIVATE_KEY"],
    message: "and VAPID_PUBLIC_KEY must be set together",
  });

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** Validates a set of variables; throws one readable error listing every problem. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join(".")} ${issue.message}`);
    throw new Error(`Invalid server configuration:\n${problems.join("\n")}\nSee README.md, "Configuration".`);
  }
  return parsed.data;
}

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
