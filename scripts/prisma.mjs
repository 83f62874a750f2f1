// `npm run prisma -- <args…>` / `node scripts/prisma.mjs <args…>`: the standard Prisma CLI, made to
// work offline by prismaEnv() (see scripts/prisma-engine/). Exits with the CLI's exit code.
import { spawn } from "node:child_process";
import { PRISMA_CLI, childExit, prismaEnv } from "./prisma-engine/env.mjs";

const child = spawn(process.execPath, [PRISMA_CLI, ...process.argv.slice(2)], {
  env: await prismaEnv(process.env),
  stdio: "inherit",
});
// A terminal's Ctrl-C reaches the CLI directly; forward signals sent to this wrapper alone, and
// wait for the CLI to finish so that it can clean up.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
process.exitCode = await childExit(child);
