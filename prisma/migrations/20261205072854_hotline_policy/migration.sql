-- AlterTable
ALTER TABLE "hotline" ADD COLUMN     "forwardTo" TEXT,
ADD COLUMN     "hours" TEXT NOT NULL DEFAULT 'office',
ADD COLUMN     "whenClosed" TEXT NOT NULL DEFAULT 'callback_or_message';

-- Existing rows get today's dialplan: 110 and 12345 always open, the others in office hours.
UPDATE "hotline" SET "hours" = '24h' WHERE "number" IN ('110', '12345');
ALTER TABLE "hotline" ADD CONSTRAINT "hotline_hours_check" CHECK ("hours" IN ('24h', 'office'));
ALTER TABLE "hotline" ADD CONSTRAINT "hotline_when_closed_check" CHECK (("whenClosed" IN ('callback_or_message', 'message') AND "forwardTo" IS NULL) OR ("whenClosed" = 'forward' AND "forwardTo" IS NOT NULL));
