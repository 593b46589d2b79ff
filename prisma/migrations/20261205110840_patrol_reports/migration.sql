-- CreateTable
CREATE TABLE "idempotency_key" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_key_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "idempotency_key_userId_scope_key_key" ON "idempotency_key"("userId", "scope", "key");

-- Seed: the new channel of grid workers' patrol reports (巡查上报); its replies are not reviewed.
INSERT INTO "channel_setting" ("channel", "replyReview") VALUES ('grid_patrol', false)
ON CONFLICT ("channel") DO NOTHING;
