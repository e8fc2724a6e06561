import { Prisma } from "../../generated/prisma/client.js";

const UNIQUE_VIOLATION = "23505";

/**
 * A write refused by a unique index, on either engine: the PostgreSQL adapter reports it as Prisma's
 * P2002, the embedded one passes PostgreSQL's own error code through as the cause.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === "P2002";
  const cause = (error as { cause?: { code?: unknown; kind?: unknown } } | null)?.cause;
  return cause?.code === UNIQUE_VIOLATION || cause?.kind === "UniqueConstraintViolation";
}
