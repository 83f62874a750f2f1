-- CreateEnum
CREATE TYPE "Audience" AS ENUM ('close', 'friends');

-- AlterEnum
ALTER TYPE "NotificationType" ADD VALUE 'match';

-- AlterTable
ALTER TABLE "notifications" ADD COLUMN     "disclosure_id" UUID;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "paused_until" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "intents" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "activity" TEXT NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "cell" TEXT NOT NULL,
    "travel_km" INTEGER NOT NULL,
    "audience" "Audience" NOT NULL DEFAULT 'close',
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "matched_at" TIMESTAMPTZ(3),

    CONSTRAINT "intents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "matches" (
    "id" UUID NOT NULL,
    "user_low_id" UUID NOT NULL,
    "user_high_id" UUID NOT NULL,
    "intent_low_id" UUID,
    "intent_high_id" UUID,
    "activity" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "matches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "disclosures" (
    "id" UUID NOT NULL,
    "subject_id" UUID NOT NULL,
    "recipient_id" UUID NOT NULL,
    "match_id" UUID,
    "activity" TEXT NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "disclosures_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "intents_activity_ends_at_idx" ON "intents"("activity", "ends_at");

-- CreateIndex
CREATE INDEX "intents_user_id_created_at_idx" ON "intents"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "intents_matched_at_created_at_idx" ON "intents"("matched_at", "created_at");

-- CreateIndex
CREATE INDEX "matches_user_low_id_user_high_id_activity_created_at_idx" ON "matches"("user_low_id", "user_high_id", "activity", "created_at");

-- CreateIndex
CREATE INDEX "matches_user_high_id_idx" ON "matches"("user_high_id");

-- CreateIndex
CREATE INDEX "matches_intent_high_id_idx" ON "matches"("intent_high_id");

-- CreateIndex
CREATE UNIQUE INDEX "matches_intent_low_id_intent_high_id_key" ON "matches"("intent_low_id", "intent_high_id");

-- CreateIndex
CREATE INDEX "disclosures_subject_id_created_at_idx" ON "disclosures"("subject_id", "created_at");

-- CreateIndex
CREATE INDEX "disclosures_recipient_id_idx" ON "disclosures"("recipient_id");

-- CreateIndex
CREATE INDEX "disclosures_match_id_idx" ON "disclosures"("match_id");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_disclosure_id_key" ON "notifications"("disclosure_id");

-- AddForeignKey
ALTER TABLE "intents" ADD CONSTRAINT "intents_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "matches" ADD CONSTRAINT "matches_user_low_id_fkey" FOREIGN KEY ("user_low_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "matches" ADD CONSTRAINT "matches_user_high_id_fkey" FOREIGN KEY ("user_high_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "matches" ADD CONSTRAINT "matches_intent_low_id_fkey" FOREIGN KEY ("intent_low_id") REFERENCES "intents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "matches" ADD CONSTRAINT "matches_intent_high_id_fkey" FOREIGN KEY ("intent_high_id") REFERENCES "intents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_subject_id_fkey" FOREIGN KEY ("subject_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_recipient_id_fkey" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_match_id_fkey" FOREIGN KEY ("match_id") REFERENCES "matches"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_disclosure_id_fkey" FOREIGN KEY ("disclosure_id") REFERENCES "disclosures"("id") ON DELETE CASCADE ON UPDATE CASCADE;



-- Invariants the schema language cannot state.
ALTER TABLE "matches" ADD CONSTRAINT "matches_pair_ordered" CHECK ("user_low_id" < "user_high_id");
ALTER TABLE "intents" ADD CONSTRAINT "intents_window" CHECK ("ends_at" > "starts_at");
-- Only cell ids are stored, never coordinates: 15 hex digits, as H3 writes them.
ALTER TABLE "intents" ADD CONSTRAINT "intents_cell_is_h3" CHECK ("cell" ~ '^[0-9a-f]{15}$');
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_not_self" CHECK ("subject_id" <> "recipient_id");
