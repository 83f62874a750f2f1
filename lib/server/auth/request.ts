import "server-only";

// Behind a reverse proxy the right-most X-Forwarded-For entry is the address the proxy saw; without
// one, Next.js fills the header with the socket's address. Deploy behind a proxy that appends to it
// (README, "Deploying"): a client-chosen value must never be the one we count against.
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return last || "unknown";
}
