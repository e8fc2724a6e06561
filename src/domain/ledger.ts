import type { LedgerEntry, Prisma, PrismaClient } from "../generated/prisma/client.js";
import { DomainError } from "./errors.js";

type Writer = Pick<PrismaClient, "ledgerEntry">;

export type NewLedgerEntry = Omit<Prisma.LedgerEntryUncheckedCreateInput, "id" | "reversesId" | "recordedAt">;

/**
 * Appends an entry unless one with the same idempotency key exists (a retried import row, a replayed
 * message); then the stored entry is returned untouched and `created` is false.
 */
export async function appendEntry(prisma: Writer, entry: NewLedgerEntry): Promise<{ entry: LedgerEntry; created: boolean }> {
  // ON CONFLICT DO NOTHING settles concurrent duplicates in the database, on both engines alike.
  const { count } = await prisma.ledgerEntry.createMany({ data: [entry], skipDuplicates: true });
  const stored = await prisma.ledgerEntry.findUniqueOrThrow({ where: { idempotencyKey: entry.idempotencyKey } });
  return { entry: stored, created: count === 1 };
}

/**
 * Corrects the ledger without editing it: a new entry that cancels the given one, with who and why.
 * A reversed entry and its reversal both drop out of every balance.
 */
export async function reverseEntry(
  prisma: PrismaClient,
  request: { entryId: string; reason: string; actor: string },
): Promise<LedgerEntry> {
  const reason = request.reason.trim();
  if (!reason) throw new DomainError("reason_required", "冲销记录必须写明原因。", { field: "reason" });
  return prisma.$transaction(async (tx) => {
    const original = await tx.ledgerEntry.findUnique({ where: { id: request.entryId }, include: { reversal: true } });
    if (!original) throw new DomainError("entry_not_found", "找不到这条学时记录。", { kind: "not_found", field: "entryId" });
    if (original.reversesId) throw new DomainError("is_reversal", "这条记录本身就是冲销记录，不能再冲销。", { kind: "conflict" });
    if (original.reversal) throw new DomainError("already_reversed", "这条记录已经冲销过了。", { kind: "conflict" });
    const { id, reversal: _reversal, recordedAt: _recordedAt, ...copy } = original;
    return tx.ledgerEntry.create({
      data: {
        ...copy,
        tags: original.tags,
        reversesId: id,
        reason,
        source: "manual",
        sourceRef: `冲销 ${id}`,
        idempotencyKey: `reversal:${id}`,
        recordedBy: request.actor,
      },
    });
  });
}

/** The entries that count: everything except reversed entries and the reversals themselves. */
export function effectiveEntries<T extends Pick<LedgerEntry, "id" | "reversesId">>(entries: T[]): T[] {
  const reversed = new Set(entries.flatMap((entry) => (entry.reversesId ? [entry.reversesId] : [])));
  return entries.filter((entry) => entry.reversesId === null && !reversed.has(entry.id));
}
