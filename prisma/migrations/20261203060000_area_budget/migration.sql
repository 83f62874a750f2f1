-- The daily area budget: plans take part in matching only when their area fits it.
ALTER TABLE "intents" ADD COLUMN "area_counted" BOOLEAN NOT NULL DEFAULT false;
-- Plans posted before the budget existed were checked by the rules of their time; keep them matching.
UPDATE "intents" SET "area_counted" = true;

-- CreateTable
CREATE TABLE "area_uses" (
    "user_id" UUID NOT NULL,
    "area_key" TEXT NOT NULL,
    "first_used_at" TIMESTAMPTZ(3) NOT NULL,
    "last_used_at" TIMESTAMPTZ(3) NOT NULL,
    "activities" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "area_uses_pkey" PRIMARY KEY ("user_id","area_key")
);

-- CreateTable
CREATE TABLE "probe_notices" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "activity" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "probe_notices_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "area_uses_last_used_at_idx" ON "area_uses"("last_used_at");

-- CreateIndex
CREATE INDEX "probe_notices_user_id_created_at_idx" ON "probe_notices"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "probe_notices_created_at_idx" ON "probe_notices"("created_at");

-- AddForeignKey
ALTER TABLE "area_uses" ADD CONSTRAINT "area_uses_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "probe_notices" ADD CONSTRAINT "probe_notices_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
