-- A plan's optional group size: "at least N" (its owner is told once N are in) and "at most N" (no
-- more matches once N are in), the owner counted. Checked here too, so no path can store nonsense.
-- AlterTable
ALTER TABLE "plans" ADD COLUMN     "group_max" SMALLINT,
ADD COLUMN     "group_min" SMALLINT;

ALTER TABLE "plans" ADD CONSTRAINT "plans_group_size_check"
  CHECK ((group_min IS NULL OR group_min BETWEEN 3 AND 10) AND (group_max IS NULL OR group_max BETWEEN 2 AND 10)
         AND (group_min IS NULL OR group_max IS NULL OR group_min <= group_max));
