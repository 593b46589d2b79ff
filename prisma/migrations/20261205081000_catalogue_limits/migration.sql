-- AlterTable
ALTER TABLE "category" ADD COLUMN     "extensionLimitDays" INTEGER,
ADD COLUMN     "handleLimitHours" DOUBLE PRECISION,
ADD COLUMN     "signLimitDays" INTEGER;

-- CreateTable
CREATE TABLE "work_calendar_year" (
    "year" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "work_calendar_year_pkey" PRIMARY KEY ("year")
);

-- One unit per limit: a category's reply limit is in working days or in working hours, not both;
-- likewise its sign-for limit. Amounts are positive (a zero reply limit is the urgent rule's, not a category's).
ALTER TABLE "category" ADD CONSTRAINT "category_handle_limit_one_unit" CHECK ("handleLimitDays" IS NULL OR "handleLimitHours" IS NULL);
ALTER TABLE "category" ADD CONSTRAINT "category_sign_limit_one_unit" CHECK ("signLimitHours" IS NULL OR "signLimitDays" IS NULL);
