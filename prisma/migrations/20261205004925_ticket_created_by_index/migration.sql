-- CreateIndex
CREATE INDEX "ticket_createdById_createdAt_idx" ON "ticket"("createdById", "createdAt");
