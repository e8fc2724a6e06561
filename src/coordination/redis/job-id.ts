/**
 * BullMQ refuses custom job ids that look like integers or contain ':'. The `k-` prefix and the escaping
 * make every string usable as a jobId, and keep custom ids apart from the numeric ids BullMQ assigns.
 */
const CUSTOM_ID_PREFIX = "k-";

export function toBullJobId(jobId: string): string {
  return CUSTOM_ID_PREFIX + jobId.replace(/[%:]/g, (character) => (character === "%" ? "%25" : "%3A"));
}

/** The caller's jobId back; ids that BullMQ chose (numbers, scheduler ticks) are returned as they are. */
export function fromBullJobId(bullJobId: string): string {
  if (!bullJobId.startsWith(CUSTOM_ID_PREFIX)) return bullJobId;
  return bullJobId.slice(CUSTOM_ID_PREFIX.length).replace(/%3A|%25/g, (escape) => (escape === "%3A" ? ":" : "%"));
}
