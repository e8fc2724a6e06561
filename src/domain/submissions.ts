import type { Assignment, PrismaClient, Submission } from "../generated/prisma/client.js";
import type { Actor } from "./actors.js";
import { assigneeIdsOf } from "./assignments.js";
import { audit } from "./audit.js";
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

/**
 * Takes back a link the teacher handed in by mistake, while no reviewer has looked at it: the submission
 * goes, so the assignment is open again and the reviewers' queue no longer shows it. What was withdrawn
 * (the link, its number, when it was handed in) stays in the audit log; erasing the person redacts the link.
 */
export async function withdrawSubmission(
  prisma: PrismaClient,
  request: {
    actor: Pick<Actor, "teacherId" | "employeeNumber" | "regionId">;
    submissionId: string;
    /** The link the teacher was shown when asked to confirm: a link handed in again since then is not withdrawn unseen. */
    link: string;
  },
): Promise<Submission & { assignment: Assignment }> {
  return prisma.$transaction(async (tx) => {
    const submission = await tx.submission.findUnique({ where: { id: request.submissionId }, include: { assignment: true } });
    if (!submission || submission.teacherId !== request.actor.teacherId) {
      throw new DomainError("submission_not_found", "找不到你交的这份作业。", { kind: "not_found", field: "submissionId" });
    }
    const title = submission.assignment.title;
    if (submission.status === "approved") {
      throw new DomainError("already_reviewed", `「${title}」已经评审通过，不能撤回了。`, { kind: "conflict" });
    }
    if (submission.status === "rejected") {
      throw new DomainError("already_reviewed", `「${title}」已经被退回了，不用撤回，改好后重新交就行。`, { kind: "conflict" });
    }
    if (submission.link !== request.link) {
      throw new DomainError("link_changed", `「${title}」的链接刚刚换过了，没有撤回。要撤回的话请再发一次「撤回」。`, { kind: "conflict" });
    }
    // Guarded by the status, so a review landing in between wins and nothing is withdrawn.
    const { count } = await tx.submission.deleteMany({ where: { id: submission.id, status: "submitted", link: request.link } });
    if (count === 0) throw new DomainError("already_reviewed", `「${title}」刚刚已被评审，不能撤回了。`, { kind: "conflict" });
    await audit(tx, request.actor, "withdraw", "submission", submission.id, {
      teacherId: submission.teacherId,
      assignmentId: submission.assignmentId,
      number: submission.number,
      link: submission.link,
      submittedAt: submission.submittedAt.toISOString(),
    });
    return submission;
  });
}
