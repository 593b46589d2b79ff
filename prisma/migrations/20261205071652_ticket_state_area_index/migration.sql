-- CreateIndex
CREATE INDEX "ticket_state_areaPath_idx" ON "ticket"("state", "areaPath");
