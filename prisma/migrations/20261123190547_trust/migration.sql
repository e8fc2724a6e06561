-- CreateEnum
CREATE TYPE "IdentitySource" AS ENUM ('roster', 'address_book', 'bind_code', 'playground');

-- CreateEnum
CREATE TYPE "GroupStatus" AS ENUM ('pending', 'approved');

-- CreateEnum
CREATE TYPE "LateListStyle" AS ENUM ('names', 'counts');

-- AlterTable
ALTER TABLE "AdminToken" ADD COLUMN     "expiresAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "BindCode" ADD COLUMN     "failures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "voidedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ChatGroup" ADD COLUMN     "approvedAt" TIMESTAMP(3),
ADD COLUMN     "approvedBy" TEXT,
ADD COLUMN     "external" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "status" "GroupStatus" NOT NULL DEFAULT 'pending';

-- AlterTable
ALTER TABLE "ChatIdentity" ADD COLUMN     "source" "IdentitySource" NOT NULL DEFAULT 'bind_code';

-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "purgedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Region" ADD COLUMN     "lateListInGroups" "LateListStyle" NOT NULL DEFAULT 'names',
ADD COLUMN     "retentionDays" INTEGER NOT NULL DEFAULT 180,
ALTER COLUMN "bindingRequiresCode" SET DEFAULT true;

-- AlterTable
ALTER TABLE "Teacher" ADD COLUMN     "erasedAt" TIMESTAMP(3),
ADD COLUMN     "mobileHash" TEXT;

-- CreateIndex
CREATE INDEX "Teacher_regionId_mobileHash_idx" ON "Teacher"("regionId", "mobileHash");


-- Data: what the trust model means for rows written before it.
-- Every region now wants a one-time code for self-binding.
UPDATE "Region" SET "bindingRequiresCode" = true;
-- Groups an administrator set up with a robot's credentials were chosen on purpose; groups the bot only
-- heard from wait for an administrator's approval.
UPDATE "ChatGroup" SET "status" = 'approved', "approvedBy" = 'migration', "approvedAt" = CURRENT_TIMESTAMP
  WHERE "delivery" ? 'robotKey' OR "delivery" ? 'customRobot';
-- Tokens issued before expiry existed get the default lifetime from today.
UPDATE "AdminToken" SET "expiresAt" = CURRENT_TIMESTAMP + INTERVAL '90 days' WHERE "expiresAt" IS NULL;
UPDATE "ChatIdentity" SET "source" = 'playground' WHERE "platform" = 'playground';
-- Codes hashed the old way can no longer be checked.
UPDATE "BindCode" SET "voidedAt" = CURRENT_TIMESTAMP WHERE "usedAt" IS NULL AND "voidedAt" IS NULL;
