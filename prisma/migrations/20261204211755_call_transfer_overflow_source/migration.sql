-- AlterTable
ALTER TABLE "call" ADD COLUMN     "callbackRequestedAt" TIMESTAMP(3),
ADD COLUMN     "lastRungInterface" TEXT,
ADD COLUMN     "overflowReason" TEXT,
ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'ami',
ADD COLUMN     "transferTarget" TEXT;
