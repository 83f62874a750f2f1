-- CreateEnum
CREATE TYPE "MatchMessageKind" AS ENUM ('spot', 'message');

-- New kinds of notification: a meeting spot, a message (PostgreSQL 12+ adds several values in one transaction).
ALTER TYPE "NotificationType" ADD VALUE 'match_spot';
ALTER TYPE "NotificationType" ADD VALUE 'match_message';

-- AlterTable
ALTER TABLE "disclosures" ADD COLUMN     "said" TEXT;

-- CreateTable
CREATE TABLE "match_messages" (
    "id" UUID NOT NULL,
    "match_id" UUID NOT NULL,
    "sender_id" UUID NOT NULL,
    "kind" "MatchMessageKind" NOT NULL,
    "body" TEXT NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "match_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "match_messages_match_id_created_at_idx" ON "match_messages"("match_id", "created_at");

-- CreateIndex
CREATE INDEX "match_messages_sender_id_idx" ON "match_messages"("sender_id");

-- CreateIndex
CREATE INDEX "match_messages_ends_at_idx" ON "match_messages"("ends_at");

-- AddForeignKey
ALTER TABLE "match_messages" ADD CONSTRAINT "match_messages_match_id_fkey" FOREIGN KEY ("match_id") REFERENCES "matches"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "match_messages" ADD CONSTRAINT "match_messages_sender_id_fkey" FOREIGN KEY ("sender_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
