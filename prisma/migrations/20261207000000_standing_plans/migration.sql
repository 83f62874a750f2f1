-- Standing plans: a weekly habit ("surfing, Sat and Sun 7-10 AM") whose occurrences become ordinary plans a
-- day ahead. The area is a chosen cell at the owner's precision, never a tracked position.
-- AlterTable
ALTER TABLE "disclosures" ADD COLUMN     "usually" TEXT;

-- AlterTable
ALTER TABLE "plans" ADD COLUMN     "standing_id" UUID,
ADD COLUMN     "usually" TEXT;

-- CreateTable
CREATE TABLE "standing_plans" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "activity" TEXT NOT NULL,
    "days" SMALLINT[],
    "start_minute" SMALLINT NOT NULL,
    "end_minute" SMALLINT NOT NULL,
    "time_zone" TEXT NOT NULL,
    "cell" TEXT NOT NULL,
    "travel_km" INTEGER NOT NULL,
    "audience" "Audience" NOT NULL DEFAULT 'close',
    "last_on" DATE,
    "last_ends_at" TIMESTAMPTZ(3),
    "paused_at" TIMESTAMPTZ(3),
    "next_on" DATE NOT NULL,
    "due_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "standing_plans_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "standing_plans_user_id_idx" ON "standing_plans"("user_id");

-- CreateIndex
CREATE INDEX "standing_plans_due_at_idx" ON "standing_plans"("due_at");

-- CreateIndex
CREATE INDEX "standing_plans_last_ends_at_idx" ON "standing_plans"("last_ends_at");

-- CreateIndex
CREATE INDEX "plans_standing_id_idx" ON "plans"("standing_id");

-- AddForeignKey
ALTER TABLE "plans" ADD CONSTRAINT "plans_standing_id_fkey" FOREIGN KEY ("standing_id") REFERENCES "standing_plans"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "standing_plans" ADD CONSTRAINT "standing_plans_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- What the forms refuse, refused here too: at least one day, each a weekday; a window of 15 minutes
-- to 12 hours within one day; an area of resolution 5-7 (checked in the app, which parses H3).
ALTER TABLE "standing_plans" ADD CONSTRAINT "standing_plans_days_check"
  CHECK ("days" IS NOT NULL AND cardinality("days") BETWEEN 1 AND 7 AND "days" <@ ARRAY[0,1,2,3,4,5,6]::smallint[]);
ALTER TABLE "standing_plans" ADD CONSTRAINT "standing_plans_window_check"
  CHECK ("start_minute" >= 0 AND "end_minute" <= 1440 AND "end_minute" - "start_minute" BETWEEN 15 AND 720);
