import { runPrisma } from "../prisma-engine/env.mjs";

/** Applies the committed migrations (prisma/migrations) to the database at `url`; `quiet`: errors only. */
export async function migrate(url, { quiet = false } = {}) {
  const stdio = quiet ? ["ignore", "ignore", "inherit"] : "inherit";
  const code = await runPrisma(["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio });
  if (code !== 0) throw new Error(`Applying database migrations failed (prisma migrate deploy exited with ${code}).`);
}
