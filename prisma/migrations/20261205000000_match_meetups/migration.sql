-- CreateEnum
CREATE TYPE "MatchAnswer" AS ENUM ('in', 'maybe', 'out');

-- New kinds of notification about a match (PostgreSQL 12+ adds several values in one transaction).
ALTER TYPE "NotificationType" ADD VALUE 'match_answer';
ALTER TYPE "NotificationType" ADD VALUE 'match_on_way';
ALTER TYPE "NotificationType" ADD VALUE 'match_off';

-- AlterTable
ALTER TABLE "matches" ADD COLUMN     "ends_at" TIMESTAMPTZ(3),
ADD COLUMN     "starts_at" TIMESTAMPTZ(3);

-- Existing matches: the window both sides were told about (their ledger rows), else their creation.
UPDATE "matches" m SET "starts_at" = coalesce(w.starts_at, m.created_at), "ends_at" = coalesce(w.ends_at, m.created_at)
FROM (SELECT m2.id, max(d.starts_at) AS starts_at, min(d.ends_at) AS ends_at
      FROM "matches" m2 LEFT JOIN "disclosures" d ON d.match_id = m2.id GROUP BY m2.id) w
WHERE w.id = m.id;
ALTER TABLE "matches" ALTER COLUMN "ends_at" SET NOT NULL, ALTER COLUMN "starts_at" SET NOT NULL;

-- AlterTable
ALTER TABLE "notifications" ADD COLUMN     "detail" TEXT,
ADD COLUMN     "match_id" UUID;

-- CreateTable
CREATE TABLE "match_members" (
    "match_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "plan_id" UUID,
    "answer" "MatchAnswer",
    "answered_at" TIMESTAMPTZ(3),
    "arriving_at" TIMESTAMPTZ(3),
    "out_at" TIMESTAMPTZ(3),
    "ends_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "match_members_pkey" PRIMARY KEY ("match_id","user_id")
);

-- Existing matches get their two sides, unanswered.
INSERT INTO "match_members" ("match_id", "user_id", "plan_id", "ends_at")
SELECT id, user_low_id, plan_low_id, ends_at FROM "matches"
UNION ALL SELECT id, user_high_id, plan_high_id, ends_at FROM "matches";

-- CreateIndex
CREATE INDEX "match_members_user_id_ends_at_idx" ON "match_members"("user_id", "ends_at");

-- CreateIndex
CREATE INDEX "match_members_plan_id_idx" ON "match_members"("plan_id");

-- CreateIndex
CREATE INDEX "match_members_ends_at_idx" ON "match_members"("ends_at");

-- CreateIndex
CREATE INDEX "notifications_match_id_idx" ON "notifications"("match_id");

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_match_id_fkey" FOREIGN KEY ("match_id") REFERENCES "matches"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "match_members" ADD CONSTRAINT "match_members_match_id_fkey" FOREIGN KEY ("match_id") REFERENCES "matches"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "match_members" ADD CONSTRAINT "match_members_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "match_members" ADD CONSTRAINT "match_members_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE SET NULL ON UPDATE CASCADE;



-- Existing match notifications lead to their match's page.
UPDATE "notifications" n SET "match_id" = d."match_id" FROM "disclosures" d WHERE n."disclosure_id" = d."id" AND n."type" = 'match';
