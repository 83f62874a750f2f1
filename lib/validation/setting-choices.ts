// The choices of the settings, apart from their schemas (./settings.ts): pages in the browser show
// them without loading the schemas' library.

export const PAUSE_CHOICES = { "1h": "for 1 hour", "8h": "for 8 hours", off: "until I turn it back on" } as const;

/** "Until I turn it back on" is stored as a date far beyond any plan. */
export const PAUSED_INDEFINITELY = new Date("9999-12-31T00:00:00Z");

/** How long an ended plan, with its area, is kept (hours; 0 = deleted at the first sweep after it ends). */
export const PLAN_RETENTION_HOURS = [
  { value: 0, label: "Delete as soon as it ends" },
  { value: 24, label: "Keep for 24 hours" },
  { value: 168, label: "Keep for 7 days" },
] as const;
/** How long notifications stay in my inbox (days). */
export const NOTIFICATION_RETENTION_DAYS = [
  { value: 7, label: "7 days" },
  { value: 30, label: "30 days" },
] as const;
/** How long the ledger of what friends were told about me is kept (days). */
export const LEDGER_RETENTION_DAYS = [
  { value: 30, label: "30 days" },
  { value: 90, label: "90 days" },
] as const;
