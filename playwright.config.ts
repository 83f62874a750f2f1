import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Run through `npm test` (scripts/test.mjs), which builds the app, starts a test database and sets
// E2E_PORT, DATABASE_URL and AUTH_SECRET. The suite runs against the production build, served by
// scripts/server.mjs (what `npm start` runs) as if behind one reverse proxy: each test sends its own
// X-Forwarded-For, so per-IP limits apply per test, as they would per visitor.
const port = Number(process.env.E2E_PORT || 3100);
const baseURL = `http://127.0.0.1:${port}`;

// Playwright cannot download its own browser offline: prefer CHROMIUM_PATH, then Debian's Chromium.
const executablePath = process.env.CHROMIUM_PATH || (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: ".data/test-output/e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: ".data/test-reports/e2e.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: "node scripts/server.mjs",
    url: `${baseURL}/sign-in`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
    env: { NODE_ENV: "production", PORT: String(port), HOSTNAME: "127.0.0.1", TRUSTED_PROXY_HOPS: "1" },
  },
});
