import Router from "@koa/router";
import { z } from "zod";
import { requireRole } from "../../../domain/actors.js";
import { audit } from "../../../domain/audit.js";
import { DomainError } from "../../../domain/errors.js";
import { reviewSubmission } from "../../../domain/reviews.js";
import { actorIn, type AdminDependencies } from "../context.js";
import { presentSubmission } from "../present.js";
import { freeText, jsonBody } from "../validation.js";

const review = z.strictObject({
  decision: z.enum(["approved", "rejected"]),
  score: z.number().int().optional(),
  comment: freeText(2000).optional(),
});

export function submissionRoutes(deps: AdminDependencies): Router {
  const router = new Router();
  const { prisma } = deps;

  router.get("/assignments/:id/submissions", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin", "school_admin", "reviewer");
    const assignment = await prisma.assignment.findUnique({ where: { id: ctx.params.id as string }, include: { project: true } });
    if (!assignment || assignment.project.regionId !== actor.regionId) {
      throw new DomainError("assignment_not_found", "找不到这项作业。", { kind: "not_found" });
    }
    const submissions = await prisma.submission.findMany({
      where: {
        assignmentId: assignment.id,
        ...(actor.scope.kind === "school" && !actor.roles.includes("reviewer") ? { teacher: { schoolId: actor.scope.schoolId } } : {}),
      },
      orderBy: { submittedAt: "asc" },
    });
    ctx.body = { submissions: submissions.map(presentSubmission) };
  });

  router.post("/submissions/:id/review", async (ctx) => {
    const actor = actorIn(ctx);
    const body = await jsonBody(ctx, review);
    const reviewed = await reviewSubmission(prisma, {
      reviewerId: actor.teacherId,
      submissionId: ctx.params.id as string,
      decision: body.decision,
      ...(body.score !== undefined ? { score: body.score } : {}),
      ...(body.comment !== undefined ? { comment: body.comment } : {}),
      now: deps.now(),
    });
    await audit(prisma, actor, "review", "submission", reviewed.id, body);
    ctx.body = presentSubmission(reviewed);
  });

  return router;
}
