-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "regionId" TEXT;

-- CreateIndex
CREATE INDEX "AuditLog_regionId_actor_idx" ON "AuditLog"("regionId", "actor");


-- Rows written before: a 工号 held in exactly one region can only have been that region's person.
UPDATE "AuditLog" AS a SET "regionId" = t."regionId"
  FROM "Teacher" AS t
  WHERE a."regionId" IS NULL AND a.actor = t."employeeNumber"
    AND (SELECT count(*) FROM "Teacher" AS other WHERE other."employeeNumber" = a.actor) = 1;
