import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

// No Docker engine runs where the tests run, so these check what the files promise instead.
type Service = {
  image?: string;
  build?: string;
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
};
const compose = parse(readFileSync("docker-compose.yml", "utf8")) as { services: Record<string, Service> };
const dockerfile = readFileSync("Dockerfile", "utf8");

describe("docker-compose.yml", () => {
  const { db, app } = compose.services;

  it("runs PostgreSQL with a health check and persistent storage", () => {
    expect(db?.image).toMatch(/^postgres:\d+/);
    expect(db?.healthcheck?.test.join(" ")).toContain("pg_isready");
    expect(db?.ports).toContain("127.0.0.1:5432:5432");
  });

  it("points the app at that database with the same credentials", () => {
    const url = new URL(app!.environment!.DATABASE_URL!);
    expect(url.hostname).toBe("db");
    expect(url.username).toBe(db!.environment!.POSTGRES_USER);
    expect(url.password).toBe(db!.environment!.POSTGRES_PASSWORD);
    expect(url.pathname).toBe(`/${db!.environment!.POSTGRES_DB}`);
  });

  it("requires AUTH_SECRET instead of shipping a default one", () => {
    expect(app!.environment!.AUTH_SECRET).toMatch(/^\$\{AUTH_SECRET:\?/);
  });

  it("starts the app once the database is healthy, on port 3000, with its own health check", () => {
    expect(app!.build).toBe(".");
    expect(app!.depends_on?.db?.condition).toBe("service_healthy");
    expect(app!.ports).toContain("3000:3000");
    expect(app!.healthcheck?.test.join(" ")).toContain("http://127.0.0.1:3000/");
  });
});

describe("Dockerfile", () => {
  it("builds with the lock file and serves through the migrating start script as a non-root user", () => {
    expect(dockerfile).toContain("RUN npm ci");
    expect(dockerfile).toContain("RUN npm run build");
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toContain('CMD ["node", "scripts/start.mjs"]');
    expect(existsSync("scripts/start.mjs")).toBe(true);
  });
});

describe("docker-compose.cluster.yml (the cluster bench's topology, for real servers)", () => {
  const cluster = parse(readFileSync("docker-compose.cluster.yml", "utf8"), { merge: true }) as {
    services: Record<string, Service & { command?: string[]; volumes?: string[] }>;
  };
  const haproxy = readFileSync("deploy/haproxy.cfg", "utf8");
  const apps = ["app1", "app2", "app3", "app4"];

  it("runs four web processes through PgBouncer, waking each other through NATS, with the jobs left to the worker", () => {
    for (const name of apps) {
      const env = cluster.services[name]!.environment!;
      expect(new URL(env.DATABASE_URL!).host).toBe("pgbouncer:6432");
      expect(env.DATABASE_POOLER).toBe("pgbouncer");
      expect(new URL(env.DATABASE_DIRECT_URL!).host).toBe("db:5432");
      expect(env).toMatchObject({ REALTIME: "nats", NATS_URL: "nats://nats:4222", BACKGROUND_JOBS: "off", TRUSTED_PROXY_HOPS: "1" });
      expect(env.AUTH_SECRET).toMatch(/^\$\{AUTH_SECRET:\?/);
    }
    expect(cluster.services.worker?.command).toEqual(["node", "scripts/worker.mjs"]);
    expect(readFileSync("deploy/pgbouncer.ini", "utf8")).toMatch(/^pool_mode = transaction$/m);
  });

  it("balances the four with the bench's own HAProxy config, one trusted hop appending X-Forwarded-For", () => {
    const balancer = cluster.services.haproxy!;
    expect(balancer.volumes).toContain("./deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro");
    for (const [n, name] of apps.entries()) {
      expect(balancer.environment![`APP${n + 1}`]).toBe(`${name}:3000`);
      expect(haproxy).toContain(`server ${name} "\${APP${n + 1}}"`);
    }
    expect(haproxy).toMatch(/^\s+option forwardfor$/m);
    expect(haproxy).toMatch(/^\s+timeout tunnel /m);
    expect(haproxy).toMatch(/^\s+option httpchk$/m);
  });
});
