-- One name for the concept: "plan". The table, its columns, indexes and constraints, and every
-- column and constraint elsewhere that named it, are renamed; nothing else changes. Each statement
-- is a change to the catalogue only: no row is read or rewritten.
ALTER TABLE "intents" RENAME TO "plans";
ALTER TABLE "plans" RENAME CONSTRAINT "intents_cell_is_h3" TO "plans_cell_is_h3";
ALTER TABLE "plans" RENAME CONSTRAINT "intents_window" TO "plans_window";
ALTER TABLE "plans" RENAME CONSTRAINT "intents_user_id_fkey" TO "plans_user_id_fkey";
ALTER TABLE "plans" RENAME CONSTRAINT "intents_pkey" TO "plans_pkey";
ALTER INDEX "intents_activity_ends_at_idx" RENAME TO "plans_activity_ends_at_idx";
ALTER INDEX "intents_ends_at_idx" RENAME TO "plans_ends_at_idx";
ALTER INDEX "intents_matched_at_created_at_idx" RENAME TO "plans_matched_at_created_at_idx";
ALTER INDEX "intents_user_id_created_at_idx" RENAME TO "plans_user_id_created_at_idx";
ALTER INDEX "intents_user_id_post_key_key" RENAME TO "plans_user_id_post_key_key";
ALTER TABLE "matches" RENAME COLUMN "intent_low_id" TO "plan_low_id";
ALTER TABLE "matches" RENAME COLUMN "intent_high_id" TO "plan_high_id";
ALTER TABLE "matches" RENAME CONSTRAINT "matches_intent_high_id_fkey" TO "matches_plan_high_id_fkey";
ALTER TABLE "matches" RENAME CONSTRAINT "matches_intent_low_id_fkey" TO "matches_plan_low_id_fkey";
ALTER INDEX "matches_intent_high_id_idx" RENAME TO "matches_plan_high_id_idx";
ALTER INDEX "matches_intent_low_id_intent_high_id_key" RENAME TO "matches_plan_low_id_plan_high_id_key";
ALTER TABLE "users" RENAME COLUMN "intent_retention_hours" TO "plan_retention_hours";
ALTER TABLE "users" RENAME CONSTRAINT "users_intent_retention" TO "users_plan_retention";
-- PostgreSQL 18 names NOT NULL constraints after their table; older servers have none to rename.
DO $$
DECLARE c record;
BEGIN
  FOR c IN SELECT conrelid::regclass AS tbl, conname FROM pg_constraint
    WHERE contype = 'n' AND connamespace = current_schema()::regnamespace AND conname ~ 'intent'
  LOOP
    EXECUTE format('ALTER TABLE %s RENAME CONSTRAINT %I TO %I', c.tbl, c.conname, replace(c.conname, 'intent', 'plan'));
  END LOOP;
END $$;
