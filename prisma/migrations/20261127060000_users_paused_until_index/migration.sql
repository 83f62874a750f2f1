-- CreateIndex
CREATE INDEX "users_paused_until_idx" ON "users"("paused_until");
