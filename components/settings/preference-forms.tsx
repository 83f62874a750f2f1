"use client";

import { PRECISIONS } from "@/lib/geo/precision";
import type { FormAction } from "@/lib/validation/form";
import { TRAVEL_KM } from "@/lib/validation/plan-limits";
import { PLAN_RETENTION_HOURS, LEDGER_RETENTION_DAYS, NOTIFICATION_RETENTION_DAYS } from "@/lib/validation/setting-choices";
import type { PrivacySettings } from "@/lib/views/settings";
import { ChoiceGroup } from "./choice-group";
import { AutoSaveForm } from "./auto-save-form";

const PRECISION_CHOICES = PRECISIONS.map((p) => ({ value: p.resolution, label: p.name, description: p.area }));
const TRAVEL_CHOICES = TRAVEL_KM.map((km) => ({ value: km, label: `${km} km` }));
const AUDIENCE_CHOICES = [
  { value: "close", label: "Close friends", description: "Only friends you marked as close" },
  { value: "friends", label: "All friends", description: "Anyone you are friends with" },
];

export function PrecisionForm({ action, current }: { action: FormAction; current: PrivacySettings["locationResolution"] }) {
  return (
    <AutoSaveForm action={action}>
      {({ errors }) => (
        <ChoiceGroup
          name="locationResolution"
          legend="Share my area as a"
          help="Your phone turns its position into an area of this size before anything is sent. A larger area says less about where you are, and matches friends further apart. A larger area applies to your current plans too; a smaller one, to plans you post from then on."
          choices={PRECISION_CHOICES}
          current={current}
          error={errors.locationResolution?.[0]}
        />
      )}
    </AutoSaveForm>
  );
}

export function PlanDefaultsForm({
  action,
  travelKm,
  audience,
}: {
  action: FormAction;
  travelKm: PrivacySettings["defaultTravelKm"];
  audience: PrivacySettings["defaultAudience"];
}) {
  return (
    <AutoSaveForm action={action}>
      {({ errors }) => (
        <>
          <ChoiceGroup
            name="defaultTravelKm"
            legend="I’d travel up to"
            help="How far from your area a friend’s area may be. You can change it on each plan."
            choices={TRAVEL_CHOICES}
            current={travelKm}
            error={errors.defaultTravelKm?.[0]}
          />
          <ChoiceGroup
            name="defaultAudience"
            legend="Who can match"
            help="Whose plans yours can match with. You can change it on each plan."
            choices={AUDIENCE_CHOICES}
            current={audience}
            error={errors.defaultAudience?.[0]}
          />
        </>
      )}
    </AutoSaveForm>
  );
}

export function RetentionForm({
  action,
  current,
}: {
  action: FormAction;
  current: Pick<PrivacySettings, "planRetentionHours" | "notificationRetentionDays" | "ledgerRetentionDays">;
}) {
  return (
    <AutoSaveForm action={action}>
      {({ errors }) => (
        <>
          <ChoiceGroup
            name="planRetentionHours"
            legend="My plans and their areas, after they end"
            help="Cancelled plans are always deleted at once."
            choices={PLAN_RETENTION_HOURS.map(({ value, label }) => ({ value, label }))}
            current={current.planRetentionHours}
            error={errors.planRetentionHours?.[0]}
          />
          <ChoiceGroup
            name="notificationRetentionDays"
            legend="My notifications"
            help="How long notifications stay in your inbox."
            choices={NOTIFICATION_RETENTION_DAYS.map(({ value, label }) => ({ value, label: `Keep for ${label}` }))}
            current={current.notificationRetentionDays}
            error={errors.notificationRetentionDays?.[0]}
          />
          <ChoiceGroup
            name="ledgerRetentionDays"
            legend="The record of what friends were told about me"
            help="Your ledger of every match a friend heard about. When an entry goes, the friend’s notification about it goes too."
            choices={LEDGER_RETENTION_DAYS.map(({ value, label }) => ({ value, label: `Keep for ${label}` }))}
            current={current.ledgerRetentionDays}
            error={errors.ledgerRetentionDays?.[0]}
          />
        </>
      )}
    </AutoSaveForm>
  );
}
