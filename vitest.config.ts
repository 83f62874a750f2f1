import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@/": root,
      // `server-only` throws outside React Server Components; tests import lib/server directly.
      "server-only": `${root}tests/support/empty-module.ts`,
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          // next-auth imports "next/server" without an extension, which Node's ESM loader refuses;
          // processed by Vite, it resolves like in the app.
          server: { deps: { inline: ["next-auth"] } },
          // One shared database: files run one after another so their rows never interleave.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "faults",
          include: ["tests/faults/**/*.test.ts"],
          environment: "node",
          // Each file starts database clusters and production servers of its own, and a scenario
          // loads the machine's two cores: one file at a time.
          fileParallelism: false,
          // A scenario runs ~1 minute, plus up to 1½ more waiting for its last matches to arrive.
          testTimeout: 240_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
