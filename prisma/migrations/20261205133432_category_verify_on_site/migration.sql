-- AlterTable
ALTER TABLE "category" ADD COLUMN     "verifyOnSite" BOOLEAN NOT NULL DEFAULT false;
