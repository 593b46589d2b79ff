-- CreateTable
CREATE TABLE "callback_attempt" (
    "id" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "callId" TEXT,
    "ticketId" TEXT,
    "agentUserId" TEXT NOT NULL,
    "agentInterface" TEXT,
    "hotlineNumber" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "pbxResult" TEXT,
    "pbxResultAt" TIMESTAMP(3),
    "pbxDetail" TEXT,
    "result" TEXT,
    "note" TEXT,
    "recordedById" TEXT,
    "recordedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "callback_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "callback_attempt_callId_startedAt_idx" ON "callback_attempt"("callId", "startedAt");

-- CreateIndex
CREATE INDEX "callback_attempt_ticketId_startedAt_idx" ON "callback_attempt"("ticketId", "startedAt");

-- CreateIndex
CREATE INDEX "callback_attempt_agentUserId_startedAt_idx" ON "callback_attempt"("agentUserId", "startedAt");

-- AddForeignKey
ALTER TABLE "callback_attempt" ADD CONSTRAINT "callback_attempt_callId_fkey" FOREIGN KEY ("callId") REFERENCES "call"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "callback_attempt" ADD CONSTRAINT "callback_attempt_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "ticket"("id") ON DELETE SET NULL ON UPDATE CASCADE;
