import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "generated/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  {
    // Rooms: UI code never reaches the database or secrets (see lib/server).
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/geo/**", "lib/validation/**"],
    ignores: ["app/api/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/generated/*", "@prisma/*", "pg"], message: "Only lib/server touches the database." },
            { group: ["@/lib/env"], message: "Pages don't read configuration: ask the lib/server function that owns the concern." },
          ],
        },
      ],
    },
  },
  {
    files: ["components/**/*.{ts,tsx}", "lib/geo/**", "lib/validation/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/lib/server/*", "@/generated/*", "@prisma/*", "pg"], message: "Client-safe code never imports lib/server." }] },
      ],
    },
  },
  {
    // Playwright fixtures call `use`, which is not React's hook.
    files: ["tests/e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // One validated environment module: lib/env.ts (scripts set up the environment for child processes).
    files: ["**/*.{ts,tsx}"],
    ignores: ["lib/env.ts", "prisma.config.ts", "tests/**", "playwright.config.ts", "vitest.config.ts"],
    rules: { "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through lib/env.ts." }] },
  },
]);
