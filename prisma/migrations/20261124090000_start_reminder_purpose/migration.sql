-- AlterEnum
ALTER TYPE "DeliveryPurpose" ADD VALUE 'start_reminder';
