-- CreateIndex
CREATE INDEX "audit_log_resource_resourceId_at_idx" ON "audit_log"("resource", "resourceId", "at");
