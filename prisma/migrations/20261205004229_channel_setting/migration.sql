-- CreateTable
CREATE TABLE "channel_setting" (
    "channel" TEXT NOT NULL,
    "replyReview" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "channel_setting_pkey" PRIMARY KEY ("channel")
);

-- Seed: one row per channel; replies to mailbox letters wait for the centre's review by default.
INSERT INTO "channel_setting" ("channel", "replyReview") VALUES
    ('phone', false),
    ('mailbox', true),
    ('mobile', false),
    ('web', false)
ON CONFLICT ("channel") DO NOTHING;
