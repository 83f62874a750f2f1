import "server-only";
import { PLAN_RETENTION_HOURS, LEDGER_RETENTION_DAYS, NOTIFICATION_RETENTION_DAYS } from "@/lib/validation/settings";
import { AREA_WINDOW_MS, AREAS_PER_DAY } from "../plans/area-budget";
import { PAIR_COOLDOWN_MS } from "../plans/matcher";

// Every kind of row held about people, and when it is deleted — said once, here. The retention
// sweeper builds its statements from these rules (jobs/retention.ts); "What we store about you" and
// the export word each rule and date each item from them (my-data.ts). So the time a person is
// promised is the time the sweeper acts on: tests/integration/retention-rules.test.ts checks, kind by
// kind, that a row is still there a millisecond before its promised time and gone at it.

const HOUR = 3_600_000;
/** A day is always 24 hours here, whatever the time zone and daylight saving time. */
export const UNIT_MS = { hours: HOUR, days: 24 * HOUR } as const;
export type Unit = keyof typeof UNIT_MS;

/** The privacy settings that say how long something is kept: their unit and the choices on offer. */
export const RETENTION_SETTINGS = {
  planRetentionHours: { unit: "hours", choices: PLAN_RETENTION_HOURS },
  notificationRetentionDays: { unit: "days", choices: NOTIFICATION_RETENTION_DAYS },
  ledgerRetentionDays: { unit: "days", choices: LEDGER_RETENTION_DAYS },
} as const;
export type RetentionSetting = keyof typeof RETENTION_SETTINGS;
export type RetentionSettings = Record<RetentionSetting, number>;

/** Kept for as long as one person's own setting says: the person the row's `of` field names (its `role`). */
export type BySetting = { setting: RetentionSetting; of: string; role: "owner" | "subject" | "recipient" };
/** Kept for the same time whoever it is about; `unit` is how the wording counts it. */
export type Fixed = { ms: number; unit: Unit };

/** Deleted by time. Fields are named as in the Prisma schema; their columns are the snake_case of them. */
export type TimeRule = {
  /** What a sweep batch picks rows by (`ctid`, a row's physical address, where no single column is the key). */
  key: string;
  /** Due once this field's time plus the kept time is at or before now. */
  after: string;
  keep: BySetting | Fixed;
  /** `after` holds epoch milliseconds instead of a time; null there means never due. */
  epochMs?: true;
  /** … and only once one of the rows these fields point at is gone (they are set null when it is). */
  andOneGone?: readonly string[];
};

/** How one section of "What we store about you" and of the export shows a kind. */
export type View = {
  /** The section's anchor on the page. */
  id: string;
  title: string;
  /** The rule in the section's words; `amount` is the time kept for this person, in the rule's unit. */
  says: (amount: number) => string;
  /** Someone else's setting governs (theirs to choose and to know): the latest it could be is promised. */
  latest?: true;
};

export type RetentionRule = {
  /** What the rows are. */
  what: string;
  table: string;
  /** When time deletes the rows; null when only an event does (each view's `says` names which). */
  goes: TimeRule | null;
  /** The sections that list these rows, keyed by their name in the export. */
  shown: Record<string, View>;
};

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
const own = (setting: RetentionSetting, of: string, role: BySetting["role"]): BySetting => ({ setting, of, role });
const atItsTime: Fixed = { ms: 0, unit: "hours" };

/**
 * The rules, in the order the sweeper runs them: a match can go once one of its plans is gone, so
 * plans come first, and kinds that delete rows of others come before those others
 * (plans → matches → their sides → ledger → notifications). Kinds that only an event deletes come last.
 */
export const RETENTION_RULES = {
  plans: {
    what: "Plans: activity, time window, travel distance, audience, note and the area (a cell of the row, so it goes with it)",
    table: "plans",
    goes: { key: "id", after: "endsAt", keep: own("planRetentionHours", "userId", "owner") },
    shown: {
      plans: {
        id: "plans",
        title: "Your plans",
        says: (hours) =>
          hours === 0
            ? "Each plan, with its area, is deleted as soon as it ends (your setting), or when you cancel it."
            : `Each plan, with its area, is deleted ${plural(hours, "hour")} after it ends (your setting), or when you cancel it.`,
      },
    },
  },
  standingPlans: {
    // A place someone returns to, chosen by them: kept while it repeats. One with a last day goes like
    // a plan that ended then; the plans of its weeks are plans (above).
    what: "Standing plans: activity, days and hours, time zone, travel distance, audience and the chosen area (a cell of the row)",
    table: "standing_plans",
    goes: { key: "id", after: "lastEndsAt", keep: own("planRetentionHours", "userId", "owner") },
    shown: {
      standingPlans: {
        id: "standing-plans",
        title: "Your standing plans",
        says: (hours) =>
          "Each standing plan, with the area you chose for it, is kept until you remove it" +
          (hours === 0
            ? ", or as soon as its last day ends if it has one (your setting for plans)."
            : `, or ${plural(hours, "hour")} after its last day ends if it has one (your setting for plans).`) +
          " Deleting your location data deletes it too. Each week’s plan is one of your plans, above.",
      },
    },
  },
  matches: {
    // The cooldown reads matches (same pair and activity) until it is over, and a match whose plans
    // both still exist is still what those plans are; after that nothing needs it.
    what: "Matches: two friends' plans that overlapped — the pair, the activity and when",
    table: "matches",
    goes: { key: "id", after: "createdAt", keep: { ms: PAIR_COOLDOWN_MS, unit: "hours" }, andOneGone: ["planLowId", "planHighId"] },
    shown: {
      matches: {
        id: "matches",
        title: "Matches",
        says: (hours) =>
          `Deleted with the plans: once either plan behind it is gone and ${plural(hours, "hour")} have passed since it was made. The time shown is the latest; it goes sooner if your friend’s plan goes first.`,
      },
    },
  },
  matchMembers: {
    // Each side's own: an answer and "on my way" are what the person said, kept like their ended plans.
    // The match going first (matches, above) takes them with it.
    what: "Each side of a match: the plan in it, the answer, the arrival time given, and whether the plan went off",
    table: "match_members",
    goes: { key: "ctid", after: "endsAt", keep: own("planRetentionHours", "userId", "owner") },
    shown: {
      matchAnswers: {
        id: "match-answers",
        title: "Your answers to matches",
        says: (hours) =>
          (hours === 0
            ? "Your answer to each match (and “on my way”) is deleted as soon as the time you shared is over"
            : `Your answer to each match (and “on my way”) is deleted ${plural(hours, "hour")} after the time you shared is over`) +
          " (your setting for plans), or sooner with the match.",
      },
    },
  },
  matchMessages: {
    // The sender's own words, kept like their side of the match; the ledger keeps what the friend was
    // shown for as long as the sender keeps their ledger (disclosures, below).
    what: "Meeting spots and messages sent on matches: the words, who sent them and when",
    table: "match_messages",
    goes: { key: "id", after: "endsAt", keep: own("planRetentionHours", "senderId", "owner") },
    shown: {
      matchMessages: {
        id: "match-messages",
        title: "Spots and messages you sent",
        says: (hours) =>
          (hours === 0
            ? "Each spot or message you sent on a match is deleted as soon as the time you shared is over"
            : `Each spot or message you sent on a match is deleted ${plural(hours, "hour")} after the time you shared is over`) +
          " (your setting for plans), or sooner with the match. Your ledger keeps what your friend was shown for as long as you keep your ledger.",
      },
    },
  },
  disclosures: {
    // The subject's choice: what friends were told about them. The recipient's match notification goes
    // with it (ON DELETE CASCADE) — the wish to be forgotten wins over the reader's inbox setting.
    what: "The disclosure ledger: what a match, a spot or a message told a friend about someone, and when",
    table: "disclosures",
    goes: { key: "id", after: "createdAt", keep: own("ledgerRetentionDays", "subjectId", "subject") },
    shown: {
      ledger: {
        id: "ledger",
        title: "What friends were told about you",
        says: (days) => `Each entry is deleted ${days} days after the friend was told (your setting).`,
      },
      toldToMe: {
        id: "told-to-you",
        title: "What you were told about friends",
        latest: true,
        says: (days) =>
          `What friends’ matches told you (your match notifications say the same). Each is kept as long as that friend keeps their own ledger — their choice, ${days} days at the longest; the time shown is the latest.`,
      },
    },
  },
  notifications: {
    // The recipient's choice: their own inbox.
    what: "In-app notifications: their type, who they are about, when they came and whether they were read",
    table: "notifications",
    goes: { key: "id", after: "createdAt", keep: own("notificationRetentionDays", "userId", "recipient") },
    shown: {
      notifications: {
        id: "notifications",
        title: "Notifications",
        says: (days) =>
          `Each notification is deleted ${plural(days, "day")} after it arrived (your setting), or sooner with the match or the friend’s ledger entry it is about.`,
      },
    },
  },
  invites: {
    what: "Invite links: who made them, when they expire, whether they were withdrawn or used and by whom (only a hash of the link)",
    table: "invites",
    goes: { key: "id", after: "expiresAt", keep: atItsTime },
    shown: {
      invitesCreated: {
        id: "invites-made",
        title: "Invite links you made",
        says: () => "Each link is deleted when it expires, used or not (the secret link itself was never stored).",
      },
      invitesAccepted: { id: "invites-accepted", title: "Invites you accepted", says: () => "Deleted when the link would have expired." },
    },
  },
  sessions: {
    what: "Sign-ins: when each began and when it expires",
    table: "sessions",
    goes: { key: "id", after: "expiresAt", keep: atItsTime },
    shown: { sessions: { id: "sessions", title: "Sign-ins", says: () => "Each sign-in is deleted when it expires, or at once when you sign out." } },
  },
  rateLimits: {
    // rate-limiter-flexible's counters: `expire` in epoch milliseconds; null never expires.
    what: "Rate-limit counters, each under a keyed hash of an account, pair or network address",
    table: "rate_limits",
    goes: { key: "key", after: "expire", keep: atItsTime, epochMs: true },
    shown: {
      rateLimits: {
        id: "rate-limits",
        title: "Rate-limit counters",
        says: () =>
          "Rate-limit counters (sign-in attempts, requests, posts) are stored under keyed hashes (HMAC) of an account, pair or network address. The table holds no id, email or address in clear, so none can be listed as yours. Each counter is deleted when its window ends.",
      },
    },
  },
  areaUses: {
    // Kept the whole window even when the plans are gone: a cancelled plan must not refund its area.
    what: "The daily area budget: each area and distance a person's plans were set from, as a keyed hash",
    table: "area_uses",
    goes: { key: "ctid", after: "lastUsedAt", keep: { ms: AREA_WINDOW_MS, unit: "hours" } },
    shown: {
      areaUses: {
        id: "areas-used",
        title: "Areas your plans used",
        says: (hours) =>
          `The areas and distances your plans were set from, each as a keyed hash (never the area itself): at most ${AREAS_PER_DAY} count in any ${hours} hours. ` +
          `Each is deleted ${hours} hours after the last plan set with it ended. Cancelling a plan or deleting your location data does not delete it — otherwise the limit could be reset.`,
      },
    },
  },
  probeNotices: {
    what: "Probe notices in a person's ledger: a friend's plans were checked against theirs from every area a day allows",
    table: "probe_notices",
    goes: { key: "id", after: "createdAt", keep: own("ledgerRetentionDays", "userId", "owner") },
    shown: {
      probeNotices: {
        id: "probe-notices",
        title: "Probing notices in your ledger",
        says: (days) => `Each notice is deleted ${days} days after it was written, like the rest of your ledger (your setting).`,
      },
    },
  },
  pushDevices: {
    what: "Devices push notifications go to: a label and the push service's address (and its keys, never exported)",
    table: "push_subscriptions",
    goes: null,
    shown: {
      pushDevices: {
        id: "devices",
        title: "Devices getting push notifications",
        says: () => "Each device is deleted when you turn its notifications off, its push service says it is gone, or you delete your account.",
      },
    },
  },
  friendships: {
    what: "Friendships, one row each way, each with its owner's private close mark",
    table: "friendships",
    goes: null,
    shown: {
      friends: {
        id: "friends",
        title: "Friends",
        says: () => "Kept until either of you removes or blocks the other, or you delete your account. Only your own close marks are here.",
      },
    },
  },
  friendRequests: {
    what: "Friend requests waiting for an answer",
    table: "friend_requests",
    goes: null,
    shown: {
      friendRequestsSent: {
        id: "requests-sent",
        title: "Friend requests you sent",
        says: () => "Deleted when the request is accepted, declined or withdrawn.",
      },
      friendRequestsReceived: {
        id: "requests-received",
        title: "Friend requests to you",
        says: () => "Deleted when you accept or decline the request, or it is withdrawn.",
      },
    },
  },
  blocks: {
    what: "Blocks: who blocked whom",
    table: "blocks",
    goes: null,
    shown: { blocks: { id: "blocks", title: "People you blocked", says: () => "Kept until you unblock them or delete your account." } },
  },
  account: {
    what: "The account: name, handle, email, the password's hash and every setting",
    table: "users",
    goes: null,
    shown: { account: { id: "account", title: "Account", says: () => "Kept until you delete your account." } },
  },
} as const satisfies Record<string, RetentionRule>;

type Rules = typeof RETENTION_RULES;
export type Kind = keyof Rules;
/** The kinds time deletes, which the sweeper sweeps. */
export type SweptKind = { [K in Kind]: Rules[K]["goes"] extends null ? never : K }[Kind];
/** The sections of "What we store about you" and of the export, by their name in the export. */
export type SectionName = { [K in Kind]: keyof Rules[K]["shown"] }[Kind];

export const SWEPT_KINDS = (Object.keys(RETENTION_RULES) as Kind[]).filter((kind) => RETENTION_RULES[kind].goes !== null) as SweptKind[];

/** Each section with its view, and the kind it shows with its rule. */
export const SECTIONS = Object.fromEntries(
  Object.entries(RETENTION_RULES as Record<Kind, RetentionRule>).flatMap(([kind, rule]) =>
    Object.entries(rule.shown).map(([name, view]) => [name, { ...view, kind, rule }]),
  ),
) as Record<SectionName, View & { kind: Kind; rule: RetentionRule }>;

/** The time a rule keeps a row for a person with `settings`; for someone else's setting, the longest on offer. */
function keptMs(keep: BySetting | Fixed, settings: RetentionSettings, latest: boolean): number {
  if ("ms" in keep) return keep.ms;
  const { unit, choices } = RETENTION_SETTINGS[keep.setting];
  const amount = latest ? Math.max(...choices.map((choice) => choice.value)) : settings[keep.setting];
  return amount * UNIT_MS[unit];
}

const unitOf = (keep: BySetting | Fixed): Unit => ("ms" in keep ? keep.unit : RETENTION_SETTINGS[keep.setting].unit);

function timeOf(value: unknown, field: string): number | null {
  if (value === null) return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === "bigint" || typeof value === "number") return Number(value);
  throw new Error(`A retention rule reads "${field}", which this row does not have`);
}

export type Retention = {
  /** The rule, worded for this person. */
  says: string;
  /**
   * When `row` is deleted (ISO; null when only an event deletes it). For a rule with `andOneGone`,
   * `ownGoes` is when the person's own row it points at goes (null: already gone): the later of the
   * two is promised, since whether the other person's row is still there is theirs to know.
   */
  deletesAt: (row: object, ownGoes?: string | null) => string | null;
};

/** What `section` promises a person whose settings are `settings`. */
export function retentionOf(section: SectionName, settings: RetentionSettings): Retention {
  const { rule, says, latest = false } = SECTIONS[section];
  const goes = rule.goes;
  if (!goes) return { says: says(0), deletesAt: () => null };
  const ms = keptMs(goes.keep, settings, latest);
  return {
    says: says(ms / UNIT_MS[unitOf(goes.keep)]),
    deletesAt: (row, ownGoes) => {
      // No time in the row (a standing plan with no last day): only an event deletes it.
      const after = timeOf((row as Record<string, unknown>)[goes.after], goes.after);
      if (after === null) return null;
      const due = new Date(after + ms).toISOString();
      return goes.andOneGone && ownGoes && ownGoes > due ? ownGoes : due;
    },
  };
}
