-- CreateTable
CREATE TABLE "call_rollup" (
    "hour" TIMESTAMP(3) NOT NULL,
    "hotline" TEXT NOT NULL,
    "offered" INTEGER NOT NULL DEFAULT 0,
    "answered" INTEGER NOT NULL DEFAULT 0,
    "abandoned" INTEGER NOT NULL DEFAULT 0,
    "answeredWithin15s" INTEGER NOT NULL DEFAULT 0,
    "answeredWithinThreshold" INTEGER NOT NULL DEFAULT 0,
    "abandonedWithinThreshold" INTEGER NOT NULL DEFAULT 0,
    "totalWaitSeconds" BIGINT NOT NULL DEFAULT 0,
    "totalTalkSeconds" BIGINT NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "call_rollup_pkey" PRIMARY KEY ("hour","hotline")
);

-- CreateTable
CREATE TABLE "ticket_rollup" (
    "day" DATE NOT NULL,
    "unitId" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "ticketClass" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "created" INTEGER NOT NULL DEFAULT 0,
    "dispatched" INTEGER NOT NULL DEFAULT 0,
    "signed" INTEGER NOT NULL DEFAULT 0,
    "returned" INTEGER NOT NULL DEFAULT 0,
    "extended" INTEGER NOT NULL DEFAULT 0,
    "replied" INTEGER NOT NULL DEFAULT 0,
    "reopened" INTEGER NOT NULL DEFAULT 0,
    "closed" INTEGER NOT NULL DEFAULT 0,
    "satisfied" INTEGER NOT NULL DEFAULT 0,
    "supervised" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ticket_rollup_pkey" PRIMARY KEY ("day","unitId","categoryId","channel","kind","ticketClass","level")
);

-- CreateTable
CREATE TABLE "rollup_watermark" (
    "name" TEXT NOT NULL,
    "lastEventId" BIGINT NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rollup_watermark_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "ticket_rollup_unitId_day_idx" ON "ticket_rollup"("unitId", "day");
