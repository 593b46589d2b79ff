-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "passwordChangedAt" TIMESTAMP(3),
ADD COLUMN     "previousPasswordHashes" TEXT[] DEFAULT ARRAY[]::TEXT[];
