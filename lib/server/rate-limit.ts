import "server-only";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { pool } from "./db";
import { ExpectedError } from "./errors";
import { keyedHash } from "./keyed-hash";

/**
 * A limit: its name (the counters' key prefix), attempts allowed per window of `duration` seconds,
 * and what its key is when the key is the account itself (its counters go with the account).
 */
export type Limit = { name: string; points: number; duration: number; keyedBy?: "user" | "email" };

/** Every limit declared below, for forgetting an account's counters when it is deleted. */
const ALL_LIMITS: Limit[] = [];

function limit(name: string, points: number, duration: number, keyedBy?: Limit["keyedBy"]): Limit {
  const declared = { name, points, duration, ...(keyedBy ? { keyedBy } : {}) };
  ALL_LIMITS.push(declared);
  return declared;
}

// Limits are counted in Postgres (table rate_limits, created by a migration), so they hold across
// every app process. Keys are HMAC'd: the table never holds an email or an IP address in clear.

// Sign-in limits count every attempt before the password is checked and give it back when the
// password was right, so a correct password is never what uses them up.
// The hard per-account limit is keyed on (account, IP): a stranger guessing at someone's password
// locks out only themselves. The account-wide limit is much higher and slows a guesser spread over
// many addresses, at the price that such an attacker could also delay the owner.
export const SIGN_IN_FAILURES_PER_ACCOUNT_AND_IP = limit("sign-in-account-ip", 10, 15 * 60);
export const SIGN_IN_FAILURES_PER_ACCOUNT = limit("sign-in-account", 100, 60 * 60, "email");
export const SIGN_IN_FAILURES_PER_IP = limit("sign-in-ip", 50, 15 * 60);
export const SIGN_UP_PER_IP = limit("sign-up-ip", 10, 60 * 60);
export const FRIEND_REQUESTS_PER_SENDER = limit("friend-request", 30, 60 * 60, "user");
export const FRIEND_REQUESTS_PER_PAIR = limit("friend-request-pair", 3, 7 * 24 * 60 * 60);
/** Plan posts and edits together: each is a fresh question to the matcher. */
export const PLANS_PER_USER = limit("plan", 20, 60 * 60, "user");
/** Pauses and resumes by hand: a resume matches every active plan again. */
export const SHARING_CHANGES_PER_USER = limit("sharing", 20, 60 * 60, "user");
export const INVITES_PER_USER = limit("invite", 50, 24 * 60 * 60, "user");
/** Downloads of everything stored about a user: each reads every table, so a loop cannot tie the database up. */
export const EXPORTS_PER_USER = limit("export", 10, 60 * 60, "user");
/** Attempts at deleting an account (each checks the password): a borrowed, signed-in phone cannot guess its way through. */
export const DELETE_ACCOUNT_ATTEMPTS_PER_USER = limit("delete-account", 5, 15 * 60, "user");
/** Answers and "on my way" on matches: each can reach a friend's phone. */
export const MATCH_ANSWERS_PER_USER = limit("match-answer", 30, 10 * 60, "user");
/** Asks sent to close friends (each to up to ASK_MAX_PEOPLE): each reaches their phones. */
export const ASKS_PER_USER = limit("ask", 10, 60 * 60, "user");
/** Meeting spots and messages on matches: each reaches a friend's phone and their ledger entry. */
export const MATCH_MESSAGES_PER_USER = limit("match-message", 20, 10 * 60, "user");

const limiters = new Map<string, RateLimiterPostgres>();

function limiter({ name, points, duration }: Limit): RateLimiterPostgres {
  let found = limiters.get(name);
  if (!found) {
    found = new RateLimiterPostgres({
      storeClient: pool(),
      storeType: "pool",
      tableName: "rate_limits",
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix: name,
      points,
      duration,
    });
    limiters.set(name, found);
  }
  return found;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts one attempt against `key` under `limit`; refuses once the limit is used up. */
export async function consume(limit: Limit, key: string): Promise<RateDecision> {
  try {
    await limiter(limit).consume(keyedHash(key));
    return { allowed: true };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    }
    throw rejection;
  }
}

/** Counts one attempt and refuses it, with the wait in the message, once the limit is used up. */
export async function enforce(limit: Limit, key: string): Promise<void> {
  const decision = await consume(limit, key);
  if (!decision.allowed) throw new ExpectedError(retryMessage(decision.retryAfterSeconds));
}

/** Gives back one attempt counted against `key` (one that turned out not to count, e.g. a correct password). */
export async function refund(limit: Limit, key: string): Promise<void> {
  await limiter(limit).reward(keyedHash(key), 1);
}

export type LimitedKey = readonly [limit: Limit, key: string];

/**
 * Counts one attempt against every (name, limit, key) at once, before the work they guard. Each count
 * is one atomic upsert, so requests arriving together cannot all pass: at most `points` get through
 * (a check now and a count after the work would let every concurrent request through). When one
 * limit refuses, the others get their attempt back — a refused request did no work. `refund` gives
 * back all of them, for an attempt that should not count after all.
 */
export async function consumeAll(keys: readonly LimitedKey[]): Promise<RateDecision & { refund: () => Promise<void> }> {
  const decisions = await Promise.all(keys.map(([limit, key]) => consume(limit, key)));
  const refundWhere = (counted: (decision: RateDecision) => boolean) => async () => {
    await Promise.all(keys.filter((_, i) => counted(decisions[i]!)).map(([limit, key]) => refund(limit, key)));
  };
  const refused = decisions.find((decision): decision is Extract<RateDecision, { allowed: false }> => !decision.allowed);
  if (refused) {
    await refundWhere((decision) => decision.allowed)();
    return { ...refused, refund: async () => undefined };
  }
  return { allowed: true, refund: refundWhere(() => true) };
}

/** Forgets the attempts counted against `key` (e.g. after a successful sign-in). */
export async function reset(limit: Limit, key: string): Promise<void> {
  await limiter(limit).delete(keyedHash(key));
}

/** Forgets every counter kept under a deleted account's own id or email. */
export async function forgetAccount(account: { id: string; email: string }): Promise<void> {
  await Promise.all(ALL_LIMITS.filter((limit) => limit.keyedBy).map((limit) => reset(limit, limit.keyedBy === "user" ? account.id : account.email)));
}

export function retryMessage(retryAfterSeconds: number): string {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  if (minutes <= 90) return `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
  const hours = Math.ceil(minutes / 60);
  return `Too many attempts. Try again in ${hours} hours.`;
}
