
-- CreateEnum
CREATE TYPE "PushState" AS ENUM ('none', 'pending', 'queued', 'suppressed');

-- CreateEnum
CREATE TYPE "PushDeliveryStatus" AS ENUM ('pending', 'sent', 'failed');

-- AlterTable
ALTER TABLE "notifications" ADD COLUMN     "push" "PushState" NOT NULL DEFAULT 'none';

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "muted_activities" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "push_daily_cap_per_friend" SMALLINT NOT NULL DEFAULT 2,
ADD COLUMN     "push_enabled" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "quiet_hours_end" SMALLINT DEFAULT 7,
ADD COLUMN     "quiet_hours_start" SMALLINT DEFAULT 22,
ADD COLUMN     "time_zone" TEXT NOT NULL DEFAULT 'UTC';

-- CreateTable
CREATE TABLE "push_subscriptions" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "endpoint" TEXT NOT NULL,
    "p256dh" TEXT NOT NULL,
    "auth" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "push_subscriptions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "push_deliveries" (
    "id" BIGSERIAL NOT NULL,
    "notification_id" BIGINT NOT NULL,
    "subscription_id" UUID NOT NULL,
    "status" "PushDeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" SMALLINT NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "push_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "push_subscriptions_endpoint_key" ON "push_subscriptions"("endpoint");

-- CreateIndex
CREATE INDEX "push_subscriptions_user_id_idx" ON "push_subscriptions"("user_id");

-- CreateIndex
CREATE INDEX "push_deliveries_status_next_attempt_at_idx" ON "push_deliveries"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "push_deliveries_subscription_id_idx" ON "push_deliveries"("subscription_id");

-- CreateIndex
CREATE UNIQUE INDEX "push_deliveries_notification_id_subscription_id_key" ON "push_deliveries"("notification_id", "subscription_id");

-- CreateIndex
CREATE INDEX "notifications_push_created_at_idx" ON "notifications"("push", "created_at");

-- AddForeignKey
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "push_deliveries" ADD CONSTRAINT "push_deliveries_notification_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "push_deliveries" ADD CONSTRAINT "push_deliveries_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "push_subscriptions"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Push controls take only the values the settings page offers.
ALTER TABLE "users" ADD CONSTRAINT "users_quiet_hours" CHECK (
  ("quiet_hours_start" IS NULL AND "quiet_hours_end" IS NULL)
  OR ("quiet_hours_start" BETWEEN 0 AND 23 AND "quiet_hours_end" BETWEEN 0 AND 23 AND "quiet_hours_start" <> "quiet_hours_end"));
ALTER TABLE "users" ADD CONSTRAINT "users_push_daily_cap" CHECK ("push_daily_cap_per_friend" IN (1, 2, 3, 5));
