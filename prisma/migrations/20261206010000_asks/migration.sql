-- Asks: a plan sent straight to chosen close friends. Stored as a match with its asker; the asker's
-- plan is both plan columns, so one plan asking several friends needs the people in the unique key.
-- AlterEnum
ALTER TYPE "NotificationType" ADD VALUE 'ask';

-- DropIndex
DROP INDEX "matches_plan_low_id_plan_high_id_key";

-- AlterTable
ALTER TABLE "matches" ADD COLUMN     "asker_id" UUID;

-- CreateIndex
CREATE INDEX "matches_asker_id_idx" ON "matches"("asker_id");

-- CreateIndex
CREATE UNIQUE INDEX "matches_plan_low_id_plan_high_id_user_low_id_user_high_id_key" ON "matches"("plan_low_id", "plan_high_id", "user_low_id", "user_high_id");

-- AddForeignKey
ALTER TABLE "matches" ADD CONSTRAINT "matches_asker_id_fkey" FOREIGN KEY ("asker_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
