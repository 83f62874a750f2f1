/**
 * The client's address as the first trusted machine saw it.
 *
 * `forwardedFor` is the X-Forwarded-For header as received (anything in it may be made up by the
 * client); `socketAddress` is the peer of the TCP connection; `trustedHops` is how many reverse
 * proxies of our own sit in front of the app, each appending the address it saw. Counting from the
 * right past our own proxies gives the one address no client can choose.
 *
 * @param {string | string[] | undefined} forwardedFor
 * @param {string | undefined} socketAddress
 * @param {number} trustedHops
 * @returns {string}
 */
export function clientAddress(forwardedFor, socketAddress, trustedHops) {
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const chain = header
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const path = [...chain, socketAddress || "unknown"];
  return path[Math.max(0, path.length - 1 - trustedHops)];
}

/** TRUSTED_PROXY_HOPS as a whole number ≥ 0 (default 0: the app is reached directly). */
export function parseTrustedHops(value) {
  if (value === undefined || value === "") return 0;
  const hops = Number(value);
  if (!Number.isInteger(hops) || hops < 0 || hops > 10) {
    throw new Error(`TRUSTED_PROXY_HOPS must be a whole number from 0 to 10 (got "${value}").`);
  }
  return hops;
}
