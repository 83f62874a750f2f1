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
    // lib/views: the server's answers to the UI, as types both sides import (so it must be client-safe too).
    // lib/sealed: keys and tokens are made in the browser, so no Node built-ins either.
    files: ["components/**/*.{ts,tsx}", "lib/geo/**", "lib/validation/**", "lib/views/**", "lib/sealed/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/server/*", "../server/*", "@/generated/*", "@prisma/*", "pg", "server-only"],
              message: "Client-safe code never imports lib/server, Prisma or server-only.",
            },
            { group: ["node:*"], message: "Client-safe code runs in the browser: use WebCrypto and web APIs, not Node built-ins." },
          ],
        },
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
  {
    // One way to hand-write SQL: statements declared in lib/server/sql.ts, whose types the schema test checks.
    files: ["lib/**/*.{ts,tsx,js,mjs}", "app/**/*.{ts,tsx}", "*.{ts,tsx,js,mjs}"],
    ignores: ["lib/server/sql.ts", "lib/server/live/realtime-postgres.ts", "*.config.{ts,js,mjs}"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[property.name=/^[$](queryRaw|executeRaw)(Unsafe|Typed)?$/]",
          message: "Declare the statement with statement() in lib/server/sql.ts instead.",
        },
        {
          selector: "MemberExpression[property.name='query'], MemberExpression[property.value='query']",
          message: "Run a declared statement (lib/server/sql.ts) instead.",
        },
      ],
    },
  },
]);
