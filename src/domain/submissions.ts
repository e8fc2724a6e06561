import type { PrismaClient, Submission } from "../generated/prisma/client.js";
import { assigneeIdsOf } from "./assignments.js";
import { DomainError } from "./errors.js";

export const MAX_LINK_LENGTH = 2000;

export type SubmissionOutcome = {
  submission: Submission;
  /** True when an earlier, not yet reviewed link was replaced. */
  replaced: boolean;
  /** Another submission already using the same link; the reviewer sees the flag. */
  duplicateOf: Submission | null;
};

/** Parses what the teacher pasted; only http(s) article pages are accepted (D7). */
export function normaliseLink(raw: string): string {
  const text = raw.trim();
  if (text.length === 0) throw new DomainError("link_missing", "请附上作业的链接（以 http:// 或 https:// 开头）。", { field: "link" });
  if (text.length > MAX_LINK_LENGTH) {
    throw new DomainError("link_too_long", `链接太长了（超过 ${MAX_LINK_LENGTH} 个字符），请检查是否粘贴完整。`, { field: "link" });
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new DomainError("link_invalid", "这不像一个网页链接，请复制文章页面的完整地址再试。", { field: "link" });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new DomainError("link_protocol", "只能提交 http:// 或 https:// 开头的网页链接。", { field: "link" });
  }
  if (!url.hostname.includes(".")) {
    throw new DomainError("link_invalid", "链接里的网站地址不完整，请复制文章页面的完整地址再试。", { field: "link" });
  }
  url.hash = "";
  return url.toString();
}

/**
 * Records a teacher's link for an assignment. Re-submitting before review replaces the earlier link;
 * after approval the submission is final; a rejected one may be submitted again.
 */
export async function submitLink(
  prisma: PrismaClient,
  request: { teacherId: string; assignmentId: string; link: string; now: Date },
): Promise<SubmissionOutcome> {
  const link = normaliseLink(request.link);
  return prisma.$transaction(async (tx) => {
    const assignment = await tx.assignment.findUnique({ where: { id: request.assignmentId } });
    if (!assignment) throw new DomainError("assignment_not_found", "找不到这项作业。", { kind: "not_found", field: "assignmentId" });
    const assignees = await assigneeIdsOf(tx, assignment);
    if (!assignees.includes(request.teacherId)) {
      throw new DomainError("not_assigned", `「${assignment.title}」不是布置给你的作业。`, { kind: "forbidden" });
    }
    const duplicateOf = await tx.submission.findFirst({
      where: { link, NOT: { assignmentId: assignment.id, teacherId: request.teacherId } },
      orderBy: { submittedAt: "asc" },
    });
    const existing = await tx.submission.findUnique({
      where: { assignmentId_teacherId: { assignmentId: assignment.id, teacherId: request.teacherId } },
    });
    if (existing?.status === "approved") {
      throw new DomainError("already_reviewed", `「${assignment.title}」已经评审通过，不能再修改。`, { kind: "conflict" });
    }
    const fields = {
      link,
      submittedAt: request.now,
      status: "submitted" as const,
      duplicateOf: duplicateOf?.id ?? null,
      score: null,
      reviewerId: null,
      reviewedAt: null,
      comment: null,
    };
    const submission = existing
      ? await tx.submission.update({ where: { id: existing.id }, data: fields })
      : await tx.submission.create({ data: { ...fields, assignmentId: assignment.id, teacherId: request.teacherId } });
    return { submission, replaced: existing !== null, duplicateOf };
  });
}
