-- AlterTable
ALTER TABLE "assessment_score" ALTER COLUMN "score" DROP NOT NULL,
ALTER COLUMN "rank" DROP NOT NULL;
