-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "phone" TEXT;
