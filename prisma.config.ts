// Prisma CLI configuration. The database URL lives here (Prisma 7), not in schema.prisma.
// A git-ignored `.env` may set DATABASE_URL or PRISMA_SCHEMA_ENGINE_BINARY for hand-run commands;
// the project's scripts (scripts/prisma.mjs, dev, test, start) set both themselves.
import "dotenv/config";
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
