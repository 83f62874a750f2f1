// Settings, as the server hands them to the UI (lib/views: types only, client-safe; see plans.ts).
import type { Resolution } from "@/lib/geo";
import type { Audience } from "./plans";

/** The viewer's own privacy settings. `pausedUntil` is null when not paused (a pause that ran out included). */
export type PrivacySettings = {
  discoverable: boolean;
  pausedUntil: Date | null;
  locationResolution: Resolution;
  defaultTravelKm: number;
  defaultAudience: Audience;
  planRetentionHours: number;
  notificationRetentionDays: number;
  ledgerRetentionDays: number;
};
