import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** Git-ignored local state: the embedded database's files and generated development secrets. */
export const DATA_DIR = join(ROOT, ".data");
export const NEXT_BIN = join(ROOT, "node_modules", "next", "dist", "bin", "next");
