import type { NoticeTarget } from "../../../generated/prisma/client.js";

/** A notice waiting for 确认, kept as the sender's `notice_draft` session. */
export type NoticeDraft = { target: NoticeTarget; text: string; groupIds: string[] };

/** Long enough to read the draft, check the groups and ask a colleague; short enough not to go stale. */
export const DRAFT_LIFETIME_MINUTES = 15;
