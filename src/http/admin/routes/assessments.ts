import Router from "@koa/router";
import { z } from "zod";
import { requireRole } from "../../../domain/actors.js";
import { audit } from "../../../domain/audit.js";
import { fromDbDate, toDbDate } from "../../../domain/calendar.js";
import { DomainError } from "../../../domain/errors.js";
import { teacherInScope } from "../../../domain/scope.js";
import type { Assessment } from "../../../generated/prisma/client.js";
import { actorIn, type AdminDependencies } from "../context.js";
import { dateOnly, jsonBody } from "../validation.js";

const newAssessment = z.strictObject({
  kind: z.enum(["teacher_semester", "school_based"]),
  term: z.string().regex(/^\d{4}-(spring|autumn)$/, "应为 2025-autumn 或 2026-spring 这样的学期"),
  date: dateOnly,
  score: z.number().min(0).max(200).multipleOf(0.01),
});

const present = (assessment: Assessment) => ({
  id: assessment.id,
  teacherId: assessment.teacherId,
  kind: assessment.kind,
  term: assessment.term,
  date: fromDbDate(assessment.assessedOn),
  score: Number(assessment.score.toString()),
  recordedBy: assessment.recordedBy,
});

/** Semester and school-based assessment scores (兰西 D2/D3), which the engine turns into awarded hours. */
export function assessmentRoutes(deps: AdminDependencies): Router {
  const router = new Router();
  const { prisma } = deps;

  router.get("/teachers/:id/assessments", async (ctx) => {
    const teacher = await teacherInScope(prisma, actorIn(ctx).scope, ctx.params.id as string);
    const rows = await prisma.assessment.findMany({ where: { teacherId: teacher.id }, orderBy: [{ term: "asc" }, { kind: "asc" }] });
    ctx.body = { assessments: rows.map(present) };
  });

  router.post("/teachers/:id/assessments", async (ctx) => {
    const actor = actorIn(ctx);
    requireRole(actor, "region_admin", "school_admin");
    const teacher = await teacherInScope(prisma, actor.scope, ctx.params.id as string);
    const body = await jsonBody(ctx, newAssessment);
    const clash = await prisma.assessment.findUnique({ where: { teacherId_kind_term: { teacherId: teacher.id, kind: body.kind, term: body.term } } });
    if (clash) {
      throw new DomainError("assessment_exists", `${body.term} 的这项考核已经登记过（${clash.score} 分）。`, { field: "term", kind: "conflict" });
    }
    const created = await prisma.assessment.create({
      data: { teacherId: teacher.id, kind: body.kind, term: body.term, assessedOn: toDbDate(body.date), score: body.score, recordedBy: actor.employeeNumber },
    });
    await audit(prisma, actor, "record", "assessment", created.id, body);
    ctx.status = 201;
    ctx.body = present(created);
  });

  return router;
}
