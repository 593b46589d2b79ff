-- AlterTable
ALTER TABLE "unit" ADD COLUMN     "dutyPhone" TEXT,
ADD COLUMN     "parentId" TEXT;

-- CreateIndex
CREATE INDEX "unit_parentId_idx" ON "unit"("parentId");

-- AddForeignKey
ALTER TABLE "unit" ADD CONSTRAINT "unit_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Backfill: a grid team's parent is the office of the street its grid lies in (as the seed builds them).
UPDATE "unit" AS team
SET "parentId" = office."id"
FROM "area" AS grid, "unit" AS office
WHERE team."type" = 'grid_team' AND grid."id" = team."areaId"
  AND office."type" = 'street_office' AND office."areaId" = grid."parentId";
