-- A plan's note can be shown to friends it matches with; the ledger keeps the note they were shown.
-- AlterTable
ALTER TABLE "disclosures" ADD COLUMN     "note" TEXT;

-- AlterTable
ALTER TABLE "plans" ADD COLUMN     "share_note" BOOLEAN NOT NULL DEFAULT false;
