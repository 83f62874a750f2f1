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
