-- CreateTable
CREATE TABLE "call_discrepancy" (
    "id" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "linkedid" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "yixianValue" TEXT,
    "pbxValue" TEXT,
    "detectedAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "resolvedAt" TIMESTAMP(3),
    "openKey" TEXT,

    CONSTRAINT "call_discrepancy_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "call_discrepancy_openKey_key" ON "call_discrepancy"("openKey");

-- CreateIndex
CREATE INDEX "call_discrepancy_resolvedAt_detectedAt_idx" ON "call_discrepancy"("resolvedAt", "detectedAt");

-- CreateIndex
CREATE INDEX "call_discrepancy_linkedid_idx" ON "call_discrepancy"("linkedid");

-- AddForeignKey
ALTER TABLE "call_discrepancy" ADD CONSTRAINT "call_discrepancy_callId_fkey" FOREIGN KEY ("callId") REFERENCES "call"("id") ON DELETE CASCADE ON UPDATE CASCADE;
