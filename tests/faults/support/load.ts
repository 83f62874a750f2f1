import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { planPost, POST_PLAN } from "../../../scripts/bench/requests.mjs";
import { AREA, type Member } from "./world";

// Plan posts through the composer's real server action, in rounds: in each round every posting
// member posts "<activity of the round>, now" once, so the matcher pairs every two friends of a group
// each round (a new activity each round: the same two people are told about one activity once in 6
// hours). A group posts in a burst, all at once, as friends do when the surf is up: their match steps
// then write to the same inboxes at the same time. The groups' bursts are spread evenly over the
// round, in random order. A failed post (the app or its database down)
// is retried with the same postKey, as the composer does, a few times, then given up; failures are
// counted, not fatal. A member posts at most once a round, which keeps within the app's limits:
// 20 posts an hour, 20 plans coming up at once, and one area of the 3 a day.

const ATTEMPTS = 3;
const RETRY_MS = 1_000;
const REQUEST_TIMEOUT_MS = 15_000;
/** How far into its round the fault strikes: after the first few groups' bursts. */
const FAULT_INTO_ROUND = 0.15;
/**
 * What the app answers when its side failed or its database is away or overloaded (UNEXPECTED and
 * BUSY in lib/server/action.ts): worth a retry. Any other refusal means the load broke a rule.
 */
const RETRY_LATER = /Something went wrong on our side|We’re very busy or can’t reach our database/;

/** `failures`: failed attempts by what went wrong (HTTP status, connection error code, timeout). */
export type LoadStats = { posted: number; failedAttempts: number; failures: Record<string, number>; gaveUp: number; refused: string[] };

export type LoadOptions = {
  members: Member[];
  /** Where member `index`'s request goes right now (the load balancer's pick). */
  originFor: (index: number) => string;
  /** The server action id of postPlanAction in this build. */
  actionId: string;
  roundMs: number;
  /** Groups whose members start posting only once the fault has begun: quiet streams until then. */
  startsLate: (group: number) => boolean;
};

/** A stored post's answered attempt, by its postKey: when it was sent and answered (epoch milliseconds). */
export type PostTiming = { sentAt: number; answeredAt: number };

const now = () => performance.timeOrigin + performance.now();

export class PlanLoad {
  readonly stats: LoadStats = { posted: 0, failedAttempts: 0, failures: {}, gaveUp: 0, refused: [] };
  readonly timings = new Map<string, PostTiming>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: LoadOptions) {}

  /**
   * `before` rounds, then `fault()` while rounds go on until it has settled, then `after` rounds;
   * resolves once every post has been answered or given up. Returns when the fault began.
   */
  async run({ before, after, fault }: { before: number; after: number; fault: () => Promise<void> }): Promise<{ faultAt: Date; rounds: number }> {
    let round = 0;
    for (; round < before; round++) await this.round(round, false);
    // The fault strikes a moment into a round, while its first bursts are being posted and matched.
    const striking = this.round(round++, true);
    await sleep(this.options.roundMs * FAULT_INTO_ROUND);
    const faultAt = new Date();
    let faulting = true;
    const faulted = fault().finally(() => (faulting = false));
    await striking;
    while (faulting) await this.round(round++, true);
    for (let n = 0; n < after; n++) await this.round(round++, true);
    await faulted;
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
    return { faultAt, rounds: round };
  }

  /** Starts one round's bursts at even intervals; resolves when the round's time is up. */
  private async round(round: number, lateOnesToo: boolean): Promise<void> {
    const started = Date.now();
    const groups = new Map<number, number[]>();
    this.options.members.forEach((member, index) => {
      if (lateOnesToo || !this.options.startsLate(member.group)) groups.set(member.group, [...(groups.get(member.group) ?? []), index]);
    });
    const bursts = shuffle([...groups.values()]);
    const gap = this.options.roundMs / Math.max(1, bursts.length);
    for (const [n, burst] of bursts.entries()) {
      await sleep(Math.max(0, started + n * gap - Date.now()));
      for (const index of burst) {
        const post = this.post(this.options.members[index]!, index, `round ${round}`).finally(() => this.inFlight.delete(post));
        this.inFlight.add(post);
      }
    }
    await sleep(Math.max(0, started + this.options.roundMs - Date.now()));
  }

  private async post(member: Member, index: number, activity: string): Promise<void> {
    const postKey = randomUUID(); // one key for every attempt at this post
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const sentAt = now();
      // The request's own timeout covers fetch and body; this one also covers a request that never
      // settles at all (seen through a load balancer under load, with no socket left open).
      const answer = await Promise.race([
        this.attempt(member, index, activity, postKey),
        sleep(REQUEST_TIMEOUT_MS + 5_000).then(() => ({ outcome: "failed" as const, why: "no answer" })),
      ]);
      if (answer.outcome === "posted") {
        this.stats.posted++;
        this.timings.set(postKey, { sentAt, answeredAt: now() });
        return;
      }
      if (answer.outcome === "refused") {
        this.stats.refused.push(answer.why);
        return;
      }
      this.stats.failedAttempts++;
      this.stats.failures[answer.why] = (this.stats.failures[answer.why] ?? 0) + 1;
      if (attempt < ATTEMPTS) await sleep(RETRY_MS);
    }
    this.stats.gaveUp++;
  }

  /** One request: posted; failed (worth retrying: the app or its database is down); or refused (the load broke a rule). */
  private async attempt(member: Member, index: number, activity: string, postKey: string): Promise<{ outcome: "posted" | "failed" | "refused"; why: string }> {
    const origin = this.options.originFor(index);
    try {
      const { headers, body } = await planPost({
        id: this.options.actionId,
        origin,
        cookie: member.cookie,
        plan: { activity, cell: AREA, audience: "close", postKey },
      });
      const response = await fetch(`${origin}${POST_PLAN.path}`, {
        method: "POST",
        headers: headers as Record<string, string>, // every value is set (the content type of a Response made from a body)
        body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      if (response.status !== 200) return { outcome: "failed", why: `HTTP ${response.status}` };
      if (text.includes('"ok":true')) return { outcome: "posted", why: "" };
      if (RETRY_LATER.test(text)) return { outcome: "failed", why: /very busy/.test(text) ? "busy" : "failed in the app" };
      return { outcome: "refused", why: /"message":"([^"]*)"/.exec(text)?.[1] ?? text.slice(0, 200) };
    } catch (error) {
      // Refused, reset or timed out.
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      return { outcome: "failed", why: cause };
    }
  }
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
