// How the project runs the standard Prisma CLI: with PRISMA_SCHEMA_ENGINE_BINARY pointing at the
// wasm stand-in (schema-engine.mjs) whenever the native engine is not installed, because the CLI
// would otherwise try to download it and fail offline.
//
//   import { prismaEnv, runPrisma } from "./prisma-engine/env.mjs";
//   const code = await runPrisma(["migrate", "deploy"], { env: { ...process.env, DATABASE_URL } });
//   spawn(cmd, args, { env: await prismaEnv(process.env) }); // anything else that runs the CLI
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { constants } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const STAND_IN_ENGINE = fileURLToPath(new URL("./schema-engine.mjs", import.meta.url));

const require = createRequire(import.meta.url);
export const PRISMA_CLI = require.resolve("prisma/build/index.js");

/**
 * Whether the CLI would find a native schema engine without downloading one. Mirrors the lookup
 * in prisma/build/cli.js: `schema-engine-<binaryTarget>` in @prisma/engines, then next to the
 * CLI's build folder. Resolved from the CLI's own dependencies, so versions match.
 */
export async function hasNativeSchemaEngine() {
  try {
    return await findNativeSchemaEngine();
  } catch {
    return false; // cannot tell (Prisma's internals moved?): the stand-in works either way
  }
}

async function findNativeSchemaEngine() {
  const cliRequire = createRequire(PRISMA_CLI);
  const enginesDir = path.join(path.dirname(cliRequire.resolve("@prisma/engines")), "..");
  const { getBinaryTargetForCurrentPlatform } = createRequire(path.join(enginesDir, "package.json"))("@prisma/get-platform");
  const target = await getBinaryTargetForCurrentPlatform();
  const file = `schema-engine-${target}${target === "windows" ? ".exe" : ""}`;
  const buildDir = path.dirname(PRISMA_CLI);
  return [enginesDir, path.join(buildDir, ".."), path.join(buildDir, "../.."), path.join(buildDir, "../runtime")].some((dir) =>
    existsSync(path.join(dir, file)),
  );
}

/**
 * Returns a copy of `baseEnv` for running the Prisma CLI. An explicit PRISMA_SCHEMA_ENGINE_BINARY
 * is kept; otherwise it is set to the stand-in unless a native engine is installed. Async because
 * Prisma's platform detection is.
 */
export async function prismaEnv(baseEnv = process.env) {
  const env = { ...baseEnv };
  if (!env.PRISMA_SCHEMA_ENGINE_BINARY && !(await hasNativeSchemaEngine())) {
    env.PRISMA_SCHEMA_ENGINE_BINARY = STAND_IN_ENGINE;
  }
  return env;
}

/**
 * Runs `prisma <args…>` (e.g. ["migrate", "deploy"]) with `prismaEnv(env)`; resolves to the exit
 * code (128 + signal number if killed). stdio is inherited unless given.
 */
export async function runPrisma(args, { env = process.env, cwd, stdio = "inherit" } = {}) {
  const child = spawn(process.execPath, [PRISMA_CLI, ...args], { env: await prismaEnv(env), cwd, stdio });
  return childExit(child);
}

/** Resolves to a child's exit code, shell-style (128 + signal number if it was killed). */
export function childExit(child) {
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve(code ?? 128 + (constants.signals[signal] ?? 0)));
  });
}
