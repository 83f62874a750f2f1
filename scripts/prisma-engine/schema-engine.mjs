#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary, used via PRISMA_SCHEMA_ENGINE_BINARY.
//
// Why: Prisma 7.10.1's CLI downloads a native schema engine on first use, which fails without
// internet. The same engine is published on npm as
// WebAssembly (@prisma/schema-engine-wasm), driven by a JS driver adapter (@prisma/adapter-pg).
// This script speaks the native binary's command-line protocol and delegates to the wasm build,
// so the standard, unmodified CLI works offline. scripts/prisma.mjs sets the variable when the
// native engine is absent.
//
// Protocol (not documented; read from node_modules/prisma/build/cli.js, Prisma 7.10.1):
// - `BINARY --version`: one line on stdout.
// - `BINARY --datasource '{"url":…}' cli can-connect-to-database|create-database|drop-database`:
//   one-shot; on failure exit 1 with JSON log lines on stderr, of which the CLI skips the first
//   and reads `{"level":"ERROR","target":"schema_engine::logger","fields":{"error_code","message"}}`.
// - `BINARY [--datamodels FILE]… [--datasource JSON]`: newline-delimited JSON-RPC 2.0 on
//   stdin/stdout, one request at a time. Each method is the wasm SchemaEngine method of the same
//   name (getDatabaseVersion → version). For `diff`, the text to show goes back to the CLI as a
//   JSON-RPC `print` request before the result. Errors carry `data.error_code` (P3005, P3018, …),
//   which the CLI branches on. The CLI ends stdin and SIGTERMs us right away when done.
// Commands that need no database (`migrate diff --from-empty …`) arrive without --datasource or
// --datamodels; the wasm engine still wants a connection and a provider, so fall back to
// DATABASE_URL and a stub schema.
//
// Fragile by nature: it relies on undocumented CLI↔engine internals and on adapter-pg internals
// (worked around in pg-adapter.mjs). Re-test after upgrading prisma, @prisma/schema-engine-wasm
// or @prisma/adapter-pg (tests/integration/prisma-cli.test.ts). Known gaps: Postgres only; every
// command needs a reachable database, even `migrate diff --from-empty` (the wasm engine connects
// when it starts); shadow databases are throwaway ones we create (the role needs CREATEDB) and
// `datasource.shadowDatabaseUrl` is refused; a failed migration shows the adapter's error (e.g.
// "No such table: x") instead of the native P3018 report, with the same exit code 1.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import readline from "node:readline";
import { pathToFileURL } from "node:url";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { createAdapterFactory, runAdminCommand } from "./pg-adapter.mjs";

const require = createRequire(import.meta.url);
const STUB_SCHEMA = 'datasource db {\n  provider = "postgresql"\n}\n';
const RPC_METHODS = new Set([
  "applyMigrations",
  "createMigration",
  "dbExecute",
  "debugPanic",
  "devDiagnostic",
  "diagnoseMigrationHistory",
  "diff",
  "ensureConnectionValidity",
  "evaluateDataLoss",
  "introspect",
  "introspectSql",
  "markMigrationApplied",
  "markMigrationRolledBack",
  "reset",
  "schemaPush",
  "version",
]);

// The wasm build reports panic messages through this global (the CLI defines it the same way).
const panics = {
  message: "",
  set_message(message) {
    this.message = message;
  },
};
globalThis.PRISMA_WASM_PANIC_REGISTRY = panics;

function log(level, message, extra = {}) {
  const line = { timestamp: new Date().toISOString(), level, fields: { message, ...extra }, target: "schema_engine::logger" };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

function send(message) {
  process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`);
}

function parseArgs(argv) {
  const args = { datamodels: [], datasource: undefined, cli: undefined, version: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--version" || arg === "-V") args.version = true;
    else if (arg === "--datamodels") args.datamodels.push(argv[++i]);
    else if (arg === "--datasource") args.datasource = JSON.parse(argv[++i]);
    else if (arg === "--enabled-preview-features" || arg === "--extension-types")
      i++; // unused by Postgres
    else if (arg === "cli") args.cli = argv[++i];
    else {
      // Exiting here would leave the CLI hanging or silently "succeeding" (see serve()): ignore
      // flags added by later CLI versions, with their value if they have one.
      log("WARN", `schema-engine stand-in: ignoring unknown argument ${arg}`);
      if (argv[i + 1] !== undefined && !argv[i + 1].startsWith("-") && argv[i + 1] !== "cli") i++;
    }
  }
  return args;
}

// The package's exports map hides package.json, so locate files through the glue module.
const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");

/** The package entry does `import * as wasm from "./x.wasm"`, which Node 20 cannot load. */
async function loadWasm() {
  const glue = await import(pathToFileURL(gluePath).href);
  const bytes = await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return glue;
}

async function wasmVersion() {
  const packageJson = await readFile(path.join(path.dirname(gluePath), "package.json"), "utf8");
  const { version } = JSON.parse(packageJson);
  return `schema-engine-cli ${version.split(".").at(-1)} (wasm stand-in, @prisma/schema-engine-wasm ${version})`;
}

async function runCli(command, url) {
  log("INFO", `Starting schema engine CLI: ${command}`); // the CLI discards the first line
  try {
    if (!url) throw new Error("No datasource URL given (--datasource)");
    process.stdout.write(`${await runAdminCommand(command, url)}\n`);
    return 0;
  } catch (error) {
    log("ERROR", error.message, { error_code: error.code });
    return 1;
  }
}

/** Loads the wasm engine over our adapter. It connects right away, so it needs a live database. */
async function startEngine(args) {
  const url = args.datasource?.url || process.env.DATABASE_URL;
  if (!url) throw new Error("No datasource URL: pass --datasource or set DATABASE_URL");
  const factory = createAdapterFactory(url, { shadowDatabaseUrl: args.datasource?.shadowDatabaseUrl });
  const datamodels =
    args.datamodels.length > 0
      ? await Promise.all(args.datamodels.map(async (file) => [file, await readFile(file, "utf8")]))
      : [["schema.prisma", STUB_SCHEMA]];
  const { SchemaEngine } = await loadWasm();
  const onLog = (line) => process.stderr.write(`${line}\n`); // already JSON log lines
  const engine = await SchemaEngine.new({ datamodels }, onLog, bindMigrationAwareSqlAdapterFactory(factory));
  return { engine, factory };
}

async function serve(args) {
  // A startup failure (e.g. database unreachable) becomes the answer to every request rather than
  // an early exit: the CLI notices a dead engine only through pending requests, and its stop()
  // then waits on an unref'd timer, so the CLI would quietly end with exit code 0.
  const started = startEngine(args).catch((error) => ({ error }));

  let current; // id of the request in flight, so that a panic can still be answered
  let stopping = false;
  const shutdown = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    // Shadow databases are dropped after each request; this only matters after a crash.
    const { factory } = await started;
    await Promise.race([factory?.dropShadowDatabases(), new Promise((r) => setTimeout(r, 5000))]);
    process.exit(code);
  };
  const crash = (error) => {
    const message = panics.message || error?.stack || String(error);
    if (current !== undefined) send({ id: current, error: { ...rpcError(message, { is_panic: true }), message } });
    log("ERROR", message, { is_panic: true });
    void shutdown(101);
  };
  process.on("uncaughtException", crash); // wasm panics escape the engine's promises
  process.on("unhandledRejection", crash);
  process.on("SIGTERM", () => void shutdown(0)); // how the CLI stops us once done
  process.on("SIGINT", () => void shutdown(130)); // Ctrl-C: still drop the shadow database

  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const request = JSON.parse(line);
    if (!request.method) continue; // the CLI's acknowledgement of a `print`
    current = request.id;
    const method = request.method === "getDatabaseVersion" ? "version" : request.method;
    const { engine, factory, error: startError } = await started;
    try {
      if (!RPC_METHODS.has(method)) {
        send({ id: request.id, error: { code: -32601, message: `Method not found: ${request.method}` } });
        continue;
      }
      if (startError) throw startError;
      const result = await engine[method](request.params);
      if (method === "diff" && result?.stdout != null) {
        send({ id: `print-${request.id}`, method: "print", params: { content: result.stdout } });
      }
      send({ id: request.id, result: result ?? {} });
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError) return crash(error); // the instance is unusable now
      send({ id: request.id, error: rpcError(error.message, { error_code: error.code, meta: error.meta }) });
    } finally {
      await factory?.dropShadowDatabases();
      current = undefined;
    }
  }
  await shutdown(0);
}

function rpcError(message, data) {
  return { code: 4466, message: "An error happened. Check the data field for details.", data: { is_panic: false, message, ...data } };
}

process.stdout.on("error", () => {}); // the CLI may be gone before our last write (EPIPE)
const args = parseArgs(process.argv.slice(2));
if (args.version) {
  console.log(await wasmVersion());
} else if (args.cli) {
  process.exitCode = await runCli(args.cli, args.datasource?.url);
} else {
  await serve(args).catch((error) => {
    log("ERROR", error.message, { error_code: error.code });
    process.exit(1);
  });
}
