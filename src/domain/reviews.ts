import type { PrismaClient, Submission } from "../generated/prisma/client.js";
import { DomainError } from "./errors.js";

export type ReviewRequest = {
  reviewerId: string;
  submissionId: string;
  decision: "approved" | "rejected";
  score?: number;
  comment?: string;
  now: Date;
};

/** A reviewer of the same region scores a submission within the assignment's range, or sends it back. */
export async function reviewSubmission(prisma: PrismaClient, request: ReviewRequest): Promise<Submission> {
  const reviewer = await prisma.teacher.findUnique({ where: { id: request.reviewerId } });
  if (!reviewer || !reviewer.active || !(reviewer.roles.includes("reviewer") || reviewer.roles.includes("region_admin"))) {
    throw new DomainError("not_reviewer", "只有评审员或区域管理员可以评审作业。", { kind: "forbidden" });
  }
  const submission = await prisma.submission.findUnique({
    where: { id: request.submissionId },
    include: { assignment: { include: { project: true } } },
  });
  if (!submission || submission.assignment.project.regionId !== reviewer.regionId) {
    throw new DomainError("submission_not_found", "找不到这份作业。", { kind: "not_found", field: "submissionId" });
  }
  if (submission.teacherId === reviewer.id) {
    throw new DomainError("own_submission", "不能评审自己提交的作业。", { kind: "forbidden" });
  }
  requireValidVerdict(submission.assignment.maxScore, request);
  return prisma.submission.update({
    where: { id: submission.id },
    data: {
      status: request.decision,
      score: request.decision === "approved" ? (request.score as number) : null,
      comment: request.comment?.trim() || null,
      reviewerId: reviewer.id,
      reviewedAt: request.now,
    },
  });
}

/**
 * A score within the assignment's range, or a reason for sending work back. Checked before a verdict is
 * shown for confirmation as well as when it is written, so a preview never promises what cannot be done.
 */
export function requireValidVerdict(maxScore: number, verdict: Pick<ReviewRequest, "decision" | "score" | "comment">): void {
  if (verdict.decision === "approved") {
    const score = verdict.score;
    if (score === undefined || !Number.isInteger(score) || score < 0 || score > maxScore) {
      throw new DomainError("score_out_of_range", `分数应为 0 到 ${maxScore} 之间的整数。`, { field: "score" });
    }
  } else if (!verdict.comment?.trim()) {
    throw new DomainError("comment_required", "退回作业时请写明原因，方便老师修改。", { field: "comment" });
  }
}
