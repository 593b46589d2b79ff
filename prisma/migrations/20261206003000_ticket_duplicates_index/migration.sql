-- Duplicate suggestions read the newest tickets of one grid and category from this index
-- instead of scanning every ticket of the last seven days (find-duplicates.ts).
CREATE INDEX "ticket_categoryId_areaId_createdAt_idx" ON "ticket"("categoryId", "areaId", "createdAt");
