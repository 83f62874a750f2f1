import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** Git-ignored local state: the embedded database's files and generated development secrets. */
export const DATA_DIR = join(ROOT, ".data");
export const NEXT_BIN = join(ROOT, "node_modules", "next", "dist", "bin", "next");

/**
 * Node arguments that run a TypeScript entry point using lib/server outside Next.js: tsx with the
 * react-server condition (which is what makes `import "server-only"` resolve) and the project's paths.
 */
export function serverTsArgs(entry, ...args) {
  return [join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "--conditions=react-server", "--tsconfig", join(ROOT, "tsconfig.json"), entry, ...args];
}
