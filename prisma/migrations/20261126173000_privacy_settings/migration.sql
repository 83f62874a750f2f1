-- AlterTable
ALTER TABLE "users" ADD COLUMN     "default_audience" "Audience" NOT NULL DEFAULT 'close',
ADD COLUMN     "default_travel_km" SMALLINT NOT NULL DEFAULT 10,
ADD COLUMN     "intent_retention_hours" SMALLINT NOT NULL DEFAULT 0,
ADD COLUMN     "ledger_retention_days" SMALLINT NOT NULL DEFAULT 30,
ADD COLUMN     "location_resolution" SMALLINT NOT NULL DEFAULT 7,
ADD COLUMN     "notification_retention_days" SMALLINT NOT NULL DEFAULT 7;

-- CreateIndex
CREATE INDEX "disclosures_created_at_idx" ON "disclosures"("created_at");

-- CreateIndex
CREATE INDEX "intents_ends_at_idx" ON "intents"("ends_at");

-- CreateIndex
CREATE INDEX "matches_created_at_idx" ON "matches"("created_at");

-- CreateIndex
CREATE INDEX "notifications_created_at_idx" ON "notifications"("created_at");



-- Settings take only the values the privacy page offers.
ALTER TABLE "users" ADD CONSTRAINT "users_location_resolution" CHECK ("location_resolution" BETWEEN 5 AND 7);
ALTER TABLE "users" ADD CONSTRAINT "users_default_travel_km" CHECK ("default_travel_km" IN (2, 5, 10, 25));
ALTER TABLE "users" ADD CONSTRAINT "users_intent_retention" CHECK ("intent_retention_hours" IN (0, 24, 168));
ALTER TABLE "users" ADD CONSTRAINT "users_notification_retention" CHECK ("notification_retention_days" IN (7, 30));
ALTER TABLE "users" ADD CONSTRAINT "users_ledger_retention" CHECK ("ledger_retention_days" IN (30, 90));
