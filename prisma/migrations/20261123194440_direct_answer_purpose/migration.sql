-- AlterEnum
ALTER TYPE "DeliveryPurpose" ADD VALUE 'direct_answer';

