-- The composer's idempotency key: one plan per (user, key), so a retried post stores one plan.
ALTER TABLE "intents" ADD COLUMN "post_key" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "intents_user_id_post_key_key" ON "intents"("user_id", "post_key");
