// A small seeded PRNG (mulberry32): the same seed gives the same synthetic world on every machine.
export function random(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** An integer in [0, n). */
    int: (n) => Math.floor(next() * n),
    pick: (items) => items[Math.floor(next() * items.length)],
    /** 32 random bytes as base64url, like a real session id. */
    token: () => Buffer.from(Array.from({ length: 32 }, () => Math.floor(next() * 256))).toString("base64url"),
  };
}
