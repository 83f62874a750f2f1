// Runs once when a server process starts: refuse to serve with a broken configuration (e.g.
// production without AUTH_SECRET) instead of answering every request with an error, then start
// the background jobs (match safety net, push delivery, retention sweep).
export async function register() {
  // NEXT_RUNTIME is set by Next.js itself, not configuration, so it is read here directly.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("@/lib/server/startup");
    startServer();
  }
}
